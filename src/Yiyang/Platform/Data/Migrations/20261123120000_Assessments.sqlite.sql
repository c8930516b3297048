-- Yiyang migration 20261123120000_Assessments (SQLite). Saved assessments (signed, immutable, corrected as linked versions); generated from the model, then frozen.
CREATE TABLE "assessments_assessment" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_assessments_assessment" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "instrument_code" TEXT NOT NULL,
    "instrument_version" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "assessed_on" TEXT NOT NULL,
    "assessors_json" TEXT NOT NULL,
    "answers_json" TEXT NOT NULL,
    "result_json" TEXT NOT NULL,
    "total" INTEGER NULL,
    "level_code" INTEGER NULL,
    "level_name" TEXT NULL,
    "status" INTEGER NOT NULL,
    "next_due" TEXT NULL,
    "previous_id" INTEGER NULL,
    "correction_note" TEXT NULL,
    "organization_id" INTEGER NULL,
    "created_by" TEXT NOT NULL,
    "signed_by" TEXT NULL,
    "signed_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_assessments_assessment_reason" CHECK (reason IN ('initial', 'routine', 'immediate', 'review', 'other')),
    CONSTRAINT "ck_assessments_assessment_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_assessments_assessment_signed" CHECK (status = 1 OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)),
    CONSTRAINT "ck_assessments_assessment_status" CHECK (status IN (1, 2, 3)),
    CONSTRAINT "FK_assessments_assessment_assessments_assessment_previous_id" FOREIGN KEY ("previous_id") REFERENCES "assessments_assessment" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_assessments_assessment_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_assessments_assessment_elder_id_assessed_on" ON "assessments_assessment" ("elder_id", "assessed_on");

CREATE INDEX "IX_assessments_assessment_next_due" ON "assessments_assessment" ("next_due");

CREATE UNIQUE INDEX "IX_assessments_assessment_previous_id" ON "assessments_assessment" ("previous_id");

CREATE INDEX "IX_assessments_assessment_township_code_instrument_code_status" ON "assessments_assessment" ("township_code", "instrument_code", "status");
