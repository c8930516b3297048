-- Yiyang migration 20261123152000_InstitutionCare (SQLite). Leave (请假/住院外出, one open leave per stay), admission contract, bed conversion (one pending request per bed); generated from the model, then frozen.
ALTER TABLE "institutions_bed" ADD COLUMN "use_kind" INTEGER NULL CONSTRAINT "ck_institutions_bed_use_kind" CHECK (use_kind IS NULL OR use_kind IN (1, 3));

ALTER TABLE "institutions_stay" ADD COLUMN "contract_number" TEXT NULL;

ALTER TABLE "institutions_stay" ADD COLUMN "contract_start_on" TEXT NULL;

-- SQLite cannot add a table constraint; the contract check rides on the last new column (same expression as ck_institutions_stay_contract)
ALTER TABLE "institutions_stay" ADD COLUMN "contract_end_on" TEXT NULL CONSTRAINT "ck_institutions_stay_contract" CHECK ((contract_number IS NULL AND contract_start_on IS NULL AND contract_end_on IS NULL) OR (contract_number IS NOT NULL AND contract_start_on IS NOT NULL AND contract_end_on IS NOT NULL AND contract_end_on >= contract_start_on));

CREATE TABLE "institutions_bed_conversion" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_institutions_bed_conversion" PRIMARY KEY AUTOINCREMENT,
    "bed_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "from_use" INTEGER NOT NULL,
    "to_use" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "requested_by" TEXT NOT NULL,
    "requested_at" INTEGER NOT NULL,
    "decided_by" TEXT NULL,
    "decided_bureau" TEXT NULL,
    "decided_at" INTEGER NULL,
    "decision_note" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_institutions_bed_conversion_kinds" CHECK (from_use IN (1, 3) AND to_use IN (1, 3) AND from_use <> to_use),
    CONSTRAINT "ck_institutions_bed_conversion_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_institutions_bed_conversion_status" CHECK ((status = 1 AND decided_at IS NULL) OR (status IN (2, 3) AND decided_at IS NOT NULL AND decided_by IS NOT NULL)),
    CONSTRAINT "FK_institutions_bed_conversion_institutions_bed_bed_id" FOREIGN KEY ("bed_id") REFERENCES "institutions_bed" ("id") ON DELETE RESTRICT
);

CREATE TABLE "institutions_leave" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_institutions_leave" PRIMARY KEY AUTOINCREMENT,
    "stay_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "start_on" TEXT NOT NULL,
    "expected_return_on" TEXT NOT NULL,
    "returned_on" TEXT NULL,
    "note" TEXT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_institutions_leave_dates" CHECK (expected_return_on >= start_on AND (returned_on IS NULL OR returned_on >= start_on)),
    CONSTRAINT "ck_institutions_leave_kind" CHECK (kind IN (1, 2)),
    CONSTRAINT "FK_institutions_leave_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_institutions_leave_institutions_stay_stay_id" FOREIGN KEY ("stay_id") REFERENCES "institutions_stay" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_institutions_bed_conversion_county_code_status" ON "institutions_bed_conversion" ("county_code", "status");

CREATE UNIQUE INDEX "ux_institutions_bed_conversion_pending" ON "institutions_bed_conversion" ("bed_id") WHERE status = 1;

CREATE INDEX "IX_institutions_leave_elder_id" ON "institutions_leave" ("elder_id");

CREATE INDEX "IX_institutions_leave_stay_id_start_on" ON "institutions_leave" ("stay_id", "start_on");

CREATE UNIQUE INDEX "ux_institutions_leave_open_stay" ON "institutions_leave" ("stay_id") WHERE returned_on IS NULL;
