-- Yiyang migration 20261123180000_IndicatorCounts (SQLite). Indicator counts per township and year, refreshed in the background, and the drill-through indexes (newest records of a year first); generated from the model, then frozen.
CREATE TABLE "healthmgmt_indicator_count" (
    "year" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "aged" INTEGER NOT NULL,
    "checked" INTEGER NOT NULL,
    "tcm" INTEGER NOT NULL,
    "disabled" INTEGER NOT NULL,
    "assessed" INTEGER NOT NULL,
    CONSTRAINT "PK_healthmgmt_indicator_count" PRIMARY KEY ("year", "township_code"),
    CONSTRAINT "ck_healthmgmt_indicator_count_numbers" CHECK (checked >= 0 AND tcm >= 0 AND assessed >= 0 AND checked <= aged AND tcm <= aged AND assessed <= disabled),
    CONSTRAINT "ck_healthmgmt_indicator_count_region" CHECK (county_code = substr(township_code, 1, 6))
);

CREATE TABLE "healthmgmt_indicator_refresh" (
    "year" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_indicator_refresh" PRIMARY KEY,
    "rule" TEXT NOT NULL,
    "computed_at" INTEGER NOT NULL,
    "duration_ms" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_indicator_refresh_duration" CHECK (duration_ms >= 0)
);

CREATE INDEX "ix_healthmgmt_check_year_newest" ON "healthmgmt_check" ("year", "checked_on" DESC, "id");

CREATE INDEX "ix_healthmgmt_tcm_year_newest" ON "healthmgmt_tcm" ("year", "assessed_on" DESC, "id");
