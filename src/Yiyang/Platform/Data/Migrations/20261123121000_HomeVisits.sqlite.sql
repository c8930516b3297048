-- Yiyang migration 20261123121000_HomeVisits (SQLite). Home visits with services, vitals and idempotency keys; generated from the model, then frozen.
CREATE TABLE "homecare_visit" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_homecare_visit" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "team_id" INTEGER NULL,
    "organization_id" INTEGER NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "planned_date" TEXT NOT NULL,
    "source" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "checked_in_at" INTEGER NULL,
    "latitude" REAL NULL,
    "longitude" REAL NULL,
    "accuracy_meters" REAL NULL,
    "checked_out_at" INTEGER NULL,
    "completed_on" TEXT NULL,
    "notes" TEXT NULL,
    "confirmed_by" INTEGER NULL,
    "confirmer_name" TEXT NULL,
    "confirmer_relation" TEXT NULL,
    "created_by_user" TEXT NOT NULL,
    "staff_user" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_homecare_visit_completed" CHECK (status <> 3 OR (checked_in_at IS NOT NULL AND checked_out_at IS NOT NULL AND completed_on IS NOT NULL AND confirmed_by IS NOT NULL)),
    CONSTRAINT "ck_homecare_visit_confirmed_by" CHECK (confirmed_by IS NULL OR confirmed_by IN (1, 2)),
    CONSTRAINT "ck_homecare_visit_position" CHECK ((latitude IS NULL OR (latitude >= -90 AND latitude <= 90)) AND (longitude IS NULL OR (longitude >= -180 AND longitude <= 180)) AND (accuracy_meters IS NULL OR accuracy_meters >= 0)),
    CONSTRAINT "ck_homecare_visit_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_homecare_visit_source" CHECK (source IN (1, 2, 3)),
    CONSTRAINT "ck_homecare_visit_status" CHECK (status IN (1, 2, 3)),
    CONSTRAINT "FK_homecare_visit_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_homecare_visit_familydoctor_team_team_id" FOREIGN KEY ("team_id") REFERENCES "familydoctor_team" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_homecare_visit_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "homecare_idempotency" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_homecare_idempotency" PRIMARY KEY AUTOINCREMENT,
    "user_name" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "request_hash" TEXT NOT NULL,
    "visit_id" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "FK_homecare_idempotency_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE CASCADE
);

CREATE TABLE "homecare_visit_service" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_homecare_visit_service" PRIMARY KEY AUTOINCREMENT,
    "visit_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "planned" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "skip_reason" TEXT NULL,
    "recorded_at" INTEGER NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_homecare_visit_service_skip_reason" CHECK (status <> 2 OR (skip_reason IS NOT NULL AND skip_reason <> '')),
    CONSTRAINT "ck_homecare_visit_service_status" CHECK (status IN (0, 1, 2)),
    CONSTRAINT "FK_homecare_visit_service_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE CASCADE
);

CREATE TABLE "homecare_visit_vital" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_homecare_visit_vital" PRIMARY KEY AUTOINCREMENT,
    "visit_id" INTEGER NOT NULL,
    "systolic_mm_hg" INTEGER NULL,
    "diastolic_mm_hg" INTEGER NULL,
    "pulse_per_min" INTEGER NULL,
    "temperature_c" TEXT NULL,
    "glucose_mmol_l" TEXT NULL,
    "spo2_percent" INTEGER NULL,
    "weight_kg" TEXT NULL,
    "recorded_at" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "FK_homecare_visit_vital_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_homecare_idempotency_visit_id" ON "homecare_idempotency" ("visit_id");

CREATE UNIQUE INDEX "ux_homecare_idempotency_user_key" ON "homecare_idempotency" ("user_name", "key");

CREATE INDEX "IX_homecare_visit_elder_id_completed_on" ON "homecare_visit" ("elder_id", "completed_on");

CREATE INDEX "IX_homecare_visit_elder_id_planned_date" ON "homecare_visit" ("elder_id", "planned_date");

CREATE INDEX "IX_homecare_visit_organization_id_planned_date" ON "homecare_visit" ("organization_id", "planned_date");

CREATE INDEX "IX_homecare_visit_team_id" ON "homecare_visit" ("team_id");

CREATE INDEX "IX_homecare_visit_township_code_planned_date" ON "homecare_visit" ("township_code", "planned_date");

CREATE UNIQUE INDEX "IX_homecare_visit_service_visit_id_service_code" ON "homecare_visit_service" ("visit_id", "service_code");

CREATE UNIQUE INDEX "IX_homecare_visit_vital_visit_id" ON "homecare_visit_vital" ("visit_id");
