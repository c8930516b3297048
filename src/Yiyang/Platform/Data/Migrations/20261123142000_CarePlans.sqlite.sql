-- Yiyang migration 20261123142000_CarePlans (SQLite). Care-level mapping (versioned), care plans and items with one confirmed plan per elder (partial unique index), 长护险 tables (versioned); generated from the model, then frozen.
CREATE TABLE "assessments_ltc_tables" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_assessments_ltc_tables" PRIMARY KEY AUTOINCREMENT,
    "tables_version" INTEGER NOT NULL,
    "tables_json" TEXT NOT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_assessments_ltc_tables_version" CHECK (tables_version >= 1)
);

CREATE TABLE "careplans_care_level_mapping" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_careplans_care_level_mapping" PRIMARY KEY AUTOINCREMENT,
    "mapping_version" INTEGER NOT NULL,
    "map_json" TEXT NOT NULL,
    "note" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_careplans_care_level_mapping_version" CHECK (mapping_version >= 1)
);

CREATE TABLE "careplans_plan" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_careplans_plan" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "organization_id" INTEGER NULL,
    "status" INTEGER NOT NULL,
    "assessment_id" INTEGER NOT NULL,
    "care_level_code" INTEGER NOT NULL,
    "care_level_name" TEXT NOT NULL,
    "mapping_version" INTEGER NOT NULL,
    "goals_json" TEXT NOT NULL,
    "start_on" TEXT NOT NULL,
    "note" TEXT NULL,
    "previous_id" INTEGER NULL,
    "ended_on" TEXT NULL,
    "end_reason" TEXT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "confirmed_by" TEXT NULL,
    "confirmed_at" INTEGER NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_careplans_plan_confirmed" CHECK (status = 1 OR (confirmed_at IS NOT NULL AND confirmed_by IS NOT NULL)),
    CONSTRAINT "ck_careplans_plan_ended" CHECK ((status = 3 AND ended_on IS NOT NULL AND ended_on >= start_on) OR (status <> 3 AND ended_on IS NULL)),
    CONSTRAINT "ck_careplans_plan_level" CHECK (care_level_code >= 0 AND mapping_version >= 0),
    CONSTRAINT "ck_careplans_plan_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_careplans_plan_status" CHECK (status IN (1, 2, 3)),
    CONSTRAINT "FK_careplans_plan_assessments_assessment_assessment_id" FOREIGN KEY ("assessment_id") REFERENCES "assessments_assessment" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_careplans_plan_careplans_plan_previous_id" FOREIGN KEY ("previous_id") REFERENCES "careplans_plan" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_careplans_plan_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "careplans_plan_item" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_careplans_plan_item" PRIMARY KEY AUTOINCREMENT,
    "plan_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "frequency_count" INTEGER NOT NULL,
    "frequency_unit" TEXT NOT NULL,
    "responsible_kind" TEXT NOT NULL,
    "responsible_organization_id" INTEGER NULL,
    "responsible_team_id" INTEGER NULL,
    "start_on" TEXT NOT NULL,
    "end_on" TEXT NULL,
    "ltc_covered" INTEGER NOT NULL,
    CONSTRAINT "ck_careplans_plan_item_dates" CHECK (end_on IS NULL OR end_on >= start_on),
    CONSTRAINT "ck_careplans_plan_item_frequency" CHECK ((frequency_unit = 'week' AND frequency_count BETWEEN 1 AND 14) OR (frequency_unit = 'month' AND frequency_count BETWEEN 1 AND 62)),
    CONSTRAINT "ck_careplans_plan_item_responsible" CHECK ((responsible_kind = 'organization' AND responsible_organization_id IS NOT NULL AND responsible_team_id IS NULL) OR (responsible_kind = 'team' AND responsible_team_id IS NOT NULL AND responsible_organization_id IS NULL)),
    CONSTRAINT "FK_careplans_plan_item_careplans_plan_plan_id" FOREIGN KEY ("plan_id") REFERENCES "careplans_plan" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_careplans_plan_item_familydoctor_team_responsible_team_id" FOREIGN KEY ("responsible_team_id") REFERENCES "familydoctor_team" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_careplans_plan_item_org_organization_responsible_organization_id" FOREIGN KEY ("responsible_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ux_assessments_ltc_tables_version" ON "assessments_ltc_tables" ("tables_version");

CREATE UNIQUE INDEX "ux_careplans_care_level_mapping_version" ON "careplans_care_level_mapping" ("mapping_version");

CREATE INDEX "IX_careplans_plan_assessment_id" ON "careplans_plan" ("assessment_id");

CREATE INDEX "IX_careplans_plan_elder_id_status" ON "careplans_plan" ("elder_id", "status");

CREATE UNIQUE INDEX "ux_careplans_plan_confirmed_elder" ON "careplans_plan" ("elder_id") WHERE status = 2;

CREATE UNIQUE INDEX "ux_careplans_plan_previous" ON "careplans_plan" ("previous_id");

CREATE UNIQUE INDEX "IX_careplans_plan_item_plan_id_line_no" ON "careplans_plan_item" ("plan_id", "line_no");

CREATE UNIQUE INDEX "IX_careplans_plan_item_plan_id_service_code" ON "careplans_plan_item" ("plan_id", "service_code");

CREATE INDEX "IX_careplans_plan_item_responsible_organization_id" ON "careplans_plan_item" ("responsible_organization_id");

CREATE INDEX "IX_careplans_plan_item_responsible_team_id" ON "careplans_plan_item" ("responsible_team_id");
