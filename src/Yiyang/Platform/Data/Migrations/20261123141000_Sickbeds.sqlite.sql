-- Yiyang migration 20261123141000_Sickbeds (SQLite). Family sickbeds (家庭病床): applications, opening, cycles, rounds linked to home visits, orders, nursing records; at most one open sickbed per elder (partial unique index). Also homecare_visit_plan: planned package slots, unique per contract, service and date (visit planner). Generated from the model, then frozen.
CREATE TABLE "sickbed_sickbed" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sickbed_sickbed" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "application_reason" TEXT NOT NULL,
    "diagnosis_code" TEXT NOT NULL,
    "diagnosis_name" TEXT NOT NULL,
    "applied_on" TEXT NOT NULL,
    "applied_by_user" TEXT NOT NULL,
    "assessed_on" TEXT NULL,
    "assessment_note" TEXT NULL,
    "rejection_reason" TEXT NULL,
    "assessed_by_user" TEXT NULL,
    "opened_on" TEXT NULL,
    "plan" TEXT NULL,
    "responsible_doctor" TEXT NULL,
    "responsible_nurse" TEXT NULL,
    "rounds_per_week" INTEGER NULL,
    "cycle_ends_on" TEXT NULL,
    "closed_on" TEXT NULL,
    "close_reason" INTEGER NULL,
    "close_summary" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_sickbed_sickbed_close_reason" CHECK (close_reason IS NULL OR close_reason IN (1, 2, 3, 4, 5, 6)),
    CONSTRAINT "ck_sickbed_sickbed_closed" CHECK ((status = 5) = (closed_on IS NOT NULL AND close_reason IS NOT NULL AND close_summary IS NOT NULL)),
    CONSTRAINT "ck_sickbed_sickbed_cycle" CHECK (cycle_ends_on IS NULL OR (opened_on IS NOT NULL AND cycle_ends_on >= opened_on)),
    CONSTRAINT "ck_sickbed_sickbed_opened" CHECK (status <> 3 OR (opened_on IS NOT NULL AND plan IS NOT NULL AND responsible_doctor IS NOT NULL AND responsible_nurse IS NOT NULL AND rounds_per_week IS NOT NULL AND cycle_ends_on IS NOT NULL)),
    CONSTRAINT "ck_sickbed_sickbed_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_sickbed_sickbed_rejected" CHECK (status <> 4 OR (rejection_reason IS NOT NULL AND assessed_on IS NOT NULL)),
    CONSTRAINT "ck_sickbed_sickbed_rounds" CHECK (rounds_per_week IS NULL OR (rounds_per_week >= 1 AND rounds_per_week <= 7)),
    CONSTRAINT "ck_sickbed_sickbed_status" CHECK (status IN (1, 2, 3, 4, 5)),
    CONSTRAINT "FK_sickbed_sickbed_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_sickbed_sickbed_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "sickbed_cycle" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sickbed_cycle" PRIMARY KEY AUTOINCREMENT,
    "sickbed_id" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "starts_on" TEXT NOT NULL,
    "ends_on" TEXT NOT NULL,
    "rounds_per_week" INTEGER NOT NULL,
    "reassessment" TEXT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_sickbed_cycle_dates" CHECK (ends_on >= starts_on AND number >= 1),
    CONSTRAINT "ck_sickbed_cycle_rounds" CHECK (rounds_per_week >= 1 AND rounds_per_week <= 7),
    CONSTRAINT "FK_sickbed_cycle_sickbed_sickbed_sickbed_id" FOREIGN KEY ("sickbed_id") REFERENCES "sickbed_sickbed" ("id") ON DELETE CASCADE
);

CREATE TABLE "sickbed_nursing_record" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sickbed_nursing_record" PRIMARY KEY AUTOINCREMENT,
    "sickbed_id" INTEGER NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "recorded_by_user" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "FK_sickbed_nursing_record_sickbed_sickbed_sickbed_id" FOREIGN KEY ("sickbed_id") REFERENCES "sickbed_sickbed" ("id") ON DELETE CASCADE
);

CREATE TABLE "sickbed_order" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sickbed_order" PRIMARY KEY AUTOINCREMENT,
    "sickbed_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "starts_at" INTEGER NOT NULL,
    "stopped_at" INTEGER NULL,
    "ordered_by_user" TEXT NOT NULL,
    "stopped_by_user" TEXT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_sickbed_order_kind" CHECK (kind IN (1, 2)),
    CONSTRAINT "ck_sickbed_order_stop" CHECK (stopped_at IS NULL OR (stopped_at >= starts_at AND stopped_by_user IS NOT NULL)),
    CONSTRAINT "FK_sickbed_order_sickbed_sickbed_sickbed_id" FOREIGN KEY ("sickbed_id") REFERENCES "sickbed_sickbed" ("id") ON DELETE CASCADE
);

CREATE TABLE "sickbed_plan_service" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sickbed_plan_service" PRIMARY KEY AUTOINCREMENT,
    "sickbed_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "FK_sickbed_plan_service_sickbed_sickbed_sickbed_id" FOREIGN KEY ("sickbed_id") REFERENCES "sickbed_sickbed" ("id") ON DELETE CASCADE
);

CREATE TABLE "homecare_visit_plan" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_homecare_visit_plan" PRIMARY KEY AUTOINCREMENT,
    "contract_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "slot_date" TEXT NOT NULL,
    "visit_id" INTEGER NULL,
    "county_code" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "FK_homecare_visit_plan_familydoctor_contract_contract_id" FOREIGN KEY ("contract_id") REFERENCES "familydoctor_contract" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_homecare_visit_plan_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE RESTRICT
);

CREATE TABLE "sickbed_round" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_sickbed_round" PRIMARY KEY AUTOINCREMENT,
    "sickbed_id" INTEGER NOT NULL,
    "visit_id" INTEGER NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "FK_sickbed_round_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_sickbed_round_sickbed_sickbed_sickbed_id" FOREIGN KEY ("sickbed_id") REFERENCES "sickbed_sickbed" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_homecare_visit_plan_visit_id" ON "homecare_visit_plan" ("visit_id");

CREATE UNIQUE INDEX "ux_homecare_visit_plan_slot" ON "homecare_visit_plan" ("contract_id", "service_code", "slot_date");

CREATE UNIQUE INDEX "IX_sickbed_cycle_sickbed_id_number" ON "sickbed_cycle" ("sickbed_id", "number");

CREATE INDEX "IX_sickbed_nursing_record_sickbed_id_recorded_at" ON "sickbed_nursing_record" ("sickbed_id", "recorded_at");

CREATE INDEX "IX_sickbed_order_sickbed_id" ON "sickbed_order" ("sickbed_id");

CREATE UNIQUE INDEX "IX_sickbed_plan_service_sickbed_id_service_code" ON "sickbed_plan_service" ("sickbed_id", "service_code");

CREATE INDEX "IX_sickbed_round_sickbed_id" ON "sickbed_round" ("sickbed_id");

CREATE UNIQUE INDEX "ux_sickbed_round_visit" ON "sickbed_round" ("visit_id");

CREATE INDEX "IX_sickbed_sickbed_elder_id_applied_on" ON "sickbed_sickbed" ("elder_id", "applied_on");

CREATE INDEX "IX_sickbed_sickbed_organization_id_status" ON "sickbed_sickbed" ("organization_id", "status");

CREATE UNIQUE INDEX "ux_sickbed_open_elder" ON "sickbed_sickbed" ("elder_id") WHERE status IN (1, 2, 3);
