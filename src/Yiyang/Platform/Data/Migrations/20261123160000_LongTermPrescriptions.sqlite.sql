-- Yiyang migration 20261123160000_LongTermPrescriptions (SQLite). Falls (跌倒事件) and long-term prescriptions (长期处方) with their items and dispensings. Generated from the model, then frozen.
CREATE TABLE "elders_fall" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_elders_fall" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "occurred_at" INTEGER NOT NULL,
    "occurred_on" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "injury" TEXT NOT NULL,
    "hospital_visit" INTEGER NOT NULL,
    "note" TEXT NULL,
    "home_visit_id" INTEGER NULL,
    "stay_id" INTEGER NULL,
    "organization_id" INTEGER NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_elders_fall_injury" CHECK (injury IN ('none', 'minor', 'severe')),
    CONSTRAINT "ck_elders_fall_one_link" CHECK (home_visit_id IS NULL OR stay_id IS NULL),
    CONSTRAINT "ck_elders_fall_place" CHECK (place IN ('home', 'institution', 'outdoor', 'other')),
    CONSTRAINT "ck_elders_fall_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_elders_fall_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_elders_fall_homecare_visit_home_visit_id" FOREIGN KEY ("home_visit_id") REFERENCES "homecare_visit" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_elders_fall_institutions_stay_stay_id" FOREIGN KEY ("stay_id") REFERENCES "institutions_stay" ("id") ON DELETE RESTRICT
);
CREATE TABLE "healthmgmt_ltp" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_ltp" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "disease" TEXT NOT NULL,
    "diagnosis_code" TEXT NOT NULL,
    "diagnosis_name" TEXT NOT NULL,
    "condition_stable" INTEGER NOT NULL,
    "start_on" TEXT NOT NULL,
    "validity_days" INTEGER NOT NULL,
    "valid_until" TEXT NOT NULL,
    "supply_days" INTEGER NOT NULL,
    "max_supply_days" INTEGER NOT NULL,
    "extended_assessment" TEXT NULL,
    "patient_confirmed" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "stop_reason" TEXT NULL,
    "stopped_at" INTEGER NULL,
    "stopped_by" TEXT NULL,
    "organization_id" INTEGER NULL,
    "prescribed_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_ltp_extended" CHECK (max_supply_days <= 28 OR (extended_assessment IS NOT NULL AND patient_confirmed = TRUE)),
    CONSTRAINT "ck_healthmgmt_ltp_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_healthmgmt_ltp_stable" CHECK (condition_stable = TRUE),
    CONSTRAINT "ck_healthmgmt_ltp_status" CHECK (status IN (1, 2, 3)),
    CONSTRAINT "ck_healthmgmt_ltp_stopped" CHECK (status <> 2 OR (stop_reason IS NOT NULL AND stopped_at IS NOT NULL)),
    CONSTRAINT "ck_healthmgmt_ltp_supply" CHECK (supply_days >= 1 AND supply_days <= max_supply_days AND max_supply_days <= validity_days),
    CONSTRAINT "ck_healthmgmt_ltp_validity" CHECK (validity_days BETWEEN 1 AND 84),
    CONSTRAINT "FK_healthmgmt_ltp_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);
CREATE TABLE "healthmgmt_ltp_item" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_ltp_item" PRIMARY KEY AUTOINCREMENT,
    "prescription_id" INTEGER NOT NULL,
    "seq" INTEGER NOT NULL,
    "drug_name" TEXT NOT NULL,
    "spec" TEXT NOT NULL,
    "dose" TEXT NOT NULL,
    "frequency" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "quantity" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "days_per_dispensing" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_ltp_item_category" CHECK (category IN ('general', 'antimicrobial')),
    CONSTRAINT "ck_healthmgmt_ltp_item_days" CHECK (days_per_dispensing BETWEEN 1 AND 84),
    CONSTRAINT "ck_healthmgmt_ltp_item_quantity" CHECK (quantity > 0),
    CONSTRAINT "FK_healthmgmt_ltp_item_healthmgmt_ltp_prescription_id" FOREIGN KEY ("prescription_id") REFERENCES "healthmgmt_ltp" ("id") ON DELETE CASCADE
);
CREATE TABLE "healthmgmt_ltp_dispensing" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_ltp_dispensing" PRIMARY KEY AUTOINCREMENT,
    "prescription_id" INTEGER NOT NULL,
    "dispensed_on" TEXT NOT NULL,
    "supply_days" INTEGER NOT NULL,
    "dispensed_by" TEXT NOT NULL,
    "organization_id" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_ltp_dispensing_days" CHECK (supply_days BETWEEN 1 AND 84),
    CONSTRAINT "FK_healthmgmt_ltp_dispensing_healthmgmt_ltp_prescription_id" FOREIGN KEY ("prescription_id") REFERENCES "healthmgmt_ltp" ("id") ON DELETE RESTRICT
);
CREATE INDEX "IX_elders_fall_elder_id_occurred_on" ON "elders_fall" ("elder_id", "occurred_on");
CREATE INDEX "IX_elders_fall_home_visit_id" ON "elders_fall" ("home_visit_id");
CREATE INDEX "IX_elders_fall_stay_id" ON "elders_fall" ("stay_id");
CREATE INDEX "IX_healthmgmt_ltp_status_valid_until" ON "healthmgmt_ltp" ("status", "valid_until");
CREATE UNIQUE INDEX "ux_healthmgmt_ltp_active_elder_disease" ON "healthmgmt_ltp" ("elder_id", "disease") WHERE status = 1;
CREATE UNIQUE INDEX "IX_healthmgmt_ltp_item_prescription_id_seq" ON "healthmgmt_ltp_item" ("prescription_id", "seq");
CREATE UNIQUE INDEX "IX_healthmgmt_ltp_dispensing_prescription_id_dispensed_on" ON "healthmgmt_ltp_dispensing" ("prescription_id", "dispensed_on");
