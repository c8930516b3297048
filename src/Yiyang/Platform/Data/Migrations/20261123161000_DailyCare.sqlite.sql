-- Yiyang migration 20261123161000_DailyCare (SQLite). Daily care records, one per stay, care-plan item, date and occurrence; generated from the model, then frozen.
CREATE TABLE "dailycare_record" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_dailycare_record" PRIMARY KEY AUTOINCREMENT,
    "stay_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "plan_item_id" INTEGER NOT NULL,
    "care_on" TEXT NOT NULL,
    "occurrence" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "reason" INTEGER NULL,
    "note" TEXT NULL,
    "performed_by" TEXT NOT NULL,
    "performed_at" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "corrected_by" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_dailycare_record_occurrence" CHECK (occurrence BETWEEN 1 AND 3),
    CONSTRAINT "ck_dailycare_record_outcome" CHECK ((status = 1 AND reason IS NULL) OR (status = 2 AND reason IS NOT NULL AND reason IN (1, 2, 3, 4, 5) AND (reason <> 5 OR note IS NOT NULL))),
    CONSTRAINT "ck_dailycare_record_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_dailycare_record_careplans_plan_item_plan_item_id" FOREIGN KEY ("plan_item_id") REFERENCES "careplans_plan_item" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_dailycare_record_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_dailycare_record_institutions_stay_stay_id" FOREIGN KEY ("stay_id") REFERENCES "institutions_stay" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_dailycare_record_elder_id" ON "dailycare_record" ("elder_id");

CREATE INDEX "IX_dailycare_record_organization_id_care_on" ON "dailycare_record" ("organization_id", "care_on");

CREATE INDEX "IX_dailycare_record_plan_item_id" ON "dailycare_record" ("plan_item_id");

CREATE UNIQUE INDEX "ux_dailycare_record_occurrence" ON "dailycare_record" ("stay_id", "plan_item_id", "care_on", "occurrence");
