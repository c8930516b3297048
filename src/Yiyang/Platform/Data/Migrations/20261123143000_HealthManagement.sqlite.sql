-- Yiyang migration 20261123143000_HealthManagement (SQLite). 老年人健康管理: yearly records and TCM records (one per elder and year, unique indexes), chronic-disease follow-ups, vaccinations; generated from the model, then frozen.
CREATE TABLE "healthmgmt_check" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_check" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "checked_on" TEXT NOT NULL,
    "content_json" TEXT NOT NULL,
    "self_care_total" INTEGER NULL,
    "self_care_band" INTEGER NULL,
    "bmi" TEXT NULL,
    "systolic" INTEGER NULL,
    "diastolic" INTEGER NULL,
    "abnormal" INTEGER NOT NULL,
    "complete" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "organization_id" INTEGER NULL,
    "created_by" TEXT NOT NULL,
    "signed_by" TEXT NULL,
    "signed_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_check_bp" CHECK (systolic IS NULL OR diastolic IS NULL OR diastolic < systolic),
    CONSTRAINT "ck_healthmgmt_check_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_healthmgmt_check_self_care" CHECK (self_care_total IS NULL OR (self_care_total >= 0 AND self_care_total <= 37)),
    CONSTRAINT "ck_healthmgmt_check_signed" CHECK (status = 1 OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)),
    CONSTRAINT "ck_healthmgmt_check_status" CHECK (status IN (1, 2)),
    CONSTRAINT "FK_healthmgmt_check_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "healthmgmt_followup" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_followup" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "disease" TEXT NOT NULL,
    "followed_on" TEXT NOT NULL,
    "way" TEXT NOT NULL,
    "symptoms_json" TEXT NOT NULL,
    "systolic" INTEGER NULL,
    "diastolic" INTEGER NULL,
    "fasting_glucose" TEXT NULL,
    "adherence" TEXT NOT NULL,
    "classification" TEXT NOT NULL,
    "next_on" TEXT NULL,
    "notes" TEXT NULL,
    "organization_id" INTEGER NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_followup_adherence" CHECK (adherence IN ('regular', 'intermittent', 'none')),
    CONSTRAINT "ck_healthmgmt_followup_class" CHECK (classification IN ('satisfied', 'unsatisfied', 'adverse', 'complication')),
    CONSTRAINT "ck_healthmgmt_followup_disease" CHECK (disease IN ('hypertension', 'diabetes')),
    CONSTRAINT "ck_healthmgmt_followup_next" CHECK (next_on IS NULL OR next_on > followed_on),
    CONSTRAINT "ck_healthmgmt_followup_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_healthmgmt_followup_way" CHECK (way IN ('clinic', 'home', 'phone')),
    CONSTRAINT "FK_healthmgmt_followup_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "healthmgmt_tcm" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_tcm" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "assessed_on" TEXT NOT NULL,
    "answers_json" TEXT NOT NULL,
    "result_json" TEXT NOT NULL,
    "identified" TEXT NOT NULL,
    "guidance_json" TEXT NOT NULL,
    "complete" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "organization_id" INTEGER NULL,
    "created_by" TEXT NOT NULL,
    "signed_by" TEXT NULL,
    "signed_at" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_tcm_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_healthmgmt_tcm_signed" CHECK (status = 1 OR (signed_at IS NOT NULL AND signed_by IS NOT NULL)),
    CONSTRAINT "ck_healthmgmt_tcm_status" CHECK (status IN (1, 2)),
    CONSTRAINT "FK_healthmgmt_tcm_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "healthmgmt_vaccination" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_healthmgmt_vaccination" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "vaccine" TEXT NOT NULL,
    "vaccinated_on" TEXT NOT NULL,
    "notes" TEXT NULL,
    "organization_id" INTEGER NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_healthmgmt_vaccination_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_healthmgmt_vaccination_vaccine" CHECK (vaccine IN ('flu', 'ppsv23', 'pcv13')),
    CONSTRAINT "FK_healthmgmt_vaccination_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_healthmgmt_check_township_code_year_complete" ON "healthmgmt_check" ("township_code", "year", "complete");

CREATE UNIQUE INDEX "ux_healthmgmt_check_elder_year" ON "healthmgmt_check" ("elder_id", "year");

CREATE UNIQUE INDEX "ux_healthmgmt_followup_elder_disease_day" ON "healthmgmt_followup" ("elder_id", "disease", "followed_on");

CREATE INDEX "IX_healthmgmt_tcm_township_code_year_complete" ON "healthmgmt_tcm" ("township_code", "year", "complete");

CREATE UNIQUE INDEX "ux_healthmgmt_tcm_elder_year" ON "healthmgmt_tcm" ("elder_id", "year");

CREATE UNIQUE INDEX "ux_healthmgmt_vaccination_elder_vaccine_day" ON "healthmgmt_vaccination" ("elder_id", "vaccine", "vaccinated_on");
