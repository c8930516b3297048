-- Yiyang migration 20261123161000_DailyCare (SQLite). Daily care records (one per stay, care-plan item, date and occurrence), medical-room encounters with their orders, infection-control zoning (areas, room assignments); generated from the model, then frozen.
CREATE TABLE "dailycare_zone_area" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_dailycare_zone_area" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "building" TEXT NULL,
    "floor" TEXT NULL,
    "note" TEXT NULL,
    CONSTRAINT "ck_dailycare_zone_area_kind" CHECK (kind IN (1, 2, 3, 4)),
    CONSTRAINT "FK_dailycare_zone_area_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "dailycare_zoning" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_dailycare_zoning" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "separated" INTEGER NOT NULL,
    "note" TEXT NULL,
    "updated_by" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "FK_dailycare_zoning_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "dailycare_zone_room" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_dailycare_zone_room" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "ward" TEXT NOT NULL,
    "room" TEXT NOT NULL,
    "area_id" INTEGER NOT NULL,
    CONSTRAINT "FK_dailycare_zone_room_dailycare_zone_area_area_id" FOREIGN KEY ("area_id") REFERENCES "dailycare_zone_area" ("id") ON DELETE CASCADE
);

CREATE TABLE "dailycare_encounter" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_dailycare_encounter" PRIMARY KEY AUTOINCREMENT,
    "stay_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "seen_at" INTEGER NOT NULL,
    "complaint" TEXT NOT NULL,
    "systolic" INTEGER NULL,
    "diastolic" INTEGER NULL,
    "pulse" INTEGER NULL,
    "temperature" TEXT NULL,
    "glucose" TEXT NULL,
    "spo2" INTEGER NULL,
    "weight" TEXT NULL,
    "findings" TEXT NULL,
    "disposition" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_dailycare_encounter_bp" CHECK ((systolic IS NULL AND diastolic IS NULL) OR (systolic IS NOT NULL AND diastolic IS NOT NULL AND diastolic < systolic)),
    CONSTRAINT "ck_dailycare_encounter_diastolic" CHECK (diastolic IS NULL OR diastolic BETWEEN 30 AND 160),
    CONSTRAINT "ck_dailycare_encounter_disposition" CHECK (disposition IN (1, 2, 3)),
    CONSTRAINT "ck_dailycare_encounter_glucose" CHECK (glucose IS NULL OR glucose BETWEEN 1.0 AND 35.0),
    CONSTRAINT "ck_dailycare_encounter_pulse" CHECK (pulse IS NULL OR pulse BETWEEN 30 AND 220),
    CONSTRAINT "ck_dailycare_encounter_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_dailycare_encounter_spo2" CHECK (spo2 IS NULL OR spo2 BETWEEN 50 AND 100),
    CONSTRAINT "ck_dailycare_encounter_systolic" CHECK (systolic IS NULL OR systolic BETWEEN 60 AND 260),
    CONSTRAINT "ck_dailycare_encounter_temperature" CHECK (temperature IS NULL OR temperature BETWEEN 34.0 AND 43.0),
    CONSTRAINT "ck_dailycare_encounter_weight" CHECK (weight IS NULL OR weight BETWEEN 20 AND 200),
    CONSTRAINT "FK_dailycare_encounter_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_dailycare_encounter_institutions_stay_stay_id" FOREIGN KEY ("stay_id") REFERENCES "institutions_stay" ("id") ON DELETE RESTRICT
);

CREATE TABLE "dailycare_encounter_order" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_dailycare_encounter_order" PRIMARY KEY AUTOINCREMENT,
    "encounter_id" INTEGER NOT NULL,
    "line_no" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "drug" TEXT NULL,
    "dose" TEXT NULL,
    CONSTRAINT "ck_dailycare_encounter_order_kind" CHECK (kind IN (1, 2)),
    CONSTRAINT "FK_dailycare_encounter_order_dailycare_encounter_encounter_id" FOREIGN KEY ("encounter_id") REFERENCES "dailycare_encounter" ("id") ON DELETE CASCADE
);

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

CREATE INDEX "IX_dailycare_encounter_elder_id" ON "dailycare_encounter" ("elder_id");

CREATE INDEX "IX_dailycare_encounter_stay_id_seen_at" ON "dailycare_encounter" ("stay_id", "seen_at");

CREATE UNIQUE INDEX "IX_dailycare_encounter_order_encounter_id_line_no" ON "dailycare_encounter_order" ("encounter_id", "line_no");

CREATE INDEX "IX_dailycare_record_elder_id" ON "dailycare_record" ("elder_id");

CREATE INDEX "IX_dailycare_record_organization_id_care_on" ON "dailycare_record" ("organization_id", "care_on");

CREATE INDEX "IX_dailycare_record_plan_item_id" ON "dailycare_record" ("plan_item_id");

CREATE UNIQUE INDEX "ux_dailycare_record_occurrence" ON "dailycare_record" ("stay_id", "plan_item_id", "care_on", "occurrence");

CREATE UNIQUE INDEX "ux_dailycare_zone_area_name" ON "dailycare_zone_area" ("organization_id", "name");

CREATE INDEX "IX_dailycare_zone_room_area_id" ON "dailycare_zone_room" ("area_id");

CREATE UNIQUE INDEX "ux_dailycare_zone_room_place" ON "dailycare_zone_room" ("organization_id", "ward", "room");

CREATE UNIQUE INDEX "ux_dailycare_zoning_organization" ON "dailycare_zoning" ("organization_id");
