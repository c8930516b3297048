-- Yiyang migration 20261209120000_Targets (SQLite). Targets of the indicators per region and year.
CREATE TABLE "targets_target" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_targets_target" PRIMARY KEY AUTOINCREMENT,
    "indicator_code" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "value" TEXT NOT NULL,
    "comparison" INTEGER NOT NULL,
    "basis" TEXT NULL,
    "set_by_user" TEXT NOT NULL,
    "set_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_targets_target_comparison" CHECK (comparison IN (1, 2)),
    CONSTRAINT "ck_targets_target_value" CHECK (CAST(value AS REAL) >= 0 AND CAST(value AS REAL) <= 100000000),
    CONSTRAINT "ck_targets_target_year" CHECK (year BETWEEN 2000 AND 2100)
);

CREATE UNIQUE INDEX "IX_targets_target_indicator_code_year_region_code" ON "targets_target" ("indicator_code", "year", "region_code");
