-- Yiyang migration 20261123140000_Billing (SQLite). Price catalogs, 上门服务费 bands and payer, package quota uses (unique slot), charge lines (unique visit + item); the visit's distance; generated from the model, then frozen.
ALTER TABLE "homecare_visit" ADD COLUMN "distance_km" TEXT NULL;

CREATE TABLE "billing_price_item" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_billing_price_item" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "unit" TEXT NOT NULL,
    "price_yuan" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_billing_price_item_price" CHECK (CAST(price_yuan AS REAL) >= 0),
    CONSTRAINT "FK_billing_price_item_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "billing_service_fee_band" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_billing_service_fee_band" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "from_km" TEXT NOT NULL,
    "to_km" TEXT NULL,
    "fee_yuan" TEXT NOT NULL,
    CONSTRAINT "ck_billing_service_fee_band_fee" CHECK (CAST(fee_yuan AS REAL) >= 0),
    CONSTRAINT "ck_billing_service_fee_band_range" CHECK (CAST(from_km AS REAL) >= 0 AND (to_km IS NULL OR CAST(to_km AS REAL) > CAST(from_km AS REAL))),
    CONSTRAINT "FK_billing_service_fee_band_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "billing_service_fee_setting" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_billing_service_fee_setting" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "payer" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_billing_service_fee_setting_payer" CHECK (payer IN ('elder', 'family-doctor')),
    CONSTRAINT "FK_billing_service_fee_setting_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "billing_quota_use" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_billing_quota_use" PRIMARY KEY AUTOINCREMENT,
    "contract_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "period_start" TEXT NOT NULL,
    "ordinal" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    "visit_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_billing_quota_use_ordinal" CHECK (ordinal >= 1 AND ordinal <= quantity),
    CONSTRAINT "FK_billing_quota_use_familydoctor_contract_contract_id" FOREIGN KEY ("contract_id") REFERENCES "familydoctor_contract" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_billing_quota_use_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE RESTRICT
);

CREATE TABLE "billing_charge" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_billing_charge" PRIMARY KEY AUTOINCREMENT,
    "visit_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "service_date" TEXT NOT NULL,
    "item_code" TEXT NOT NULL,
    "item_name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "unit" TEXT NOT NULL,
    "list_price_yuan" TEXT NOT NULL,
    "patient_amount_yuan" TEXT NOT NULL,
    "covered_amount_yuan" TEXT NOT NULL,
    "payer" TEXT NOT NULL,
    "covered_by" TEXT NULL,
    "contract_id" INTEGER NULL,
    "quota_use_id" INTEGER NULL,
    "care_plan_id" INTEGER NULL,
    "care_plan_item_id" INTEGER NULL,
    "distance_km" TEXT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_billing_charge_amounts" CHECK (CAST(list_price_yuan AS REAL) >= 0 AND ((payer = 'elder' AND CAST(patient_amount_yuan AS REAL) = CAST(list_price_yuan AS REAL) AND CAST(covered_amount_yuan AS REAL) = 0) OR (payer <> 'elder' AND CAST(covered_amount_yuan AS REAL) = CAST(list_price_yuan AS REAL) AND CAST(patient_amount_yuan AS REAL) = 0 AND covered_by IS NOT NULL))),
    CONSTRAINT "ck_billing_charge_kind" CHECK (kind IN (1, 2)),
    CONSTRAINT "ck_billing_charge_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_billing_charge_billing_quota_use_quota_use_id" FOREIGN KEY ("quota_use_id") REFERENCES "billing_quota_use" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_billing_charge_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_billing_charge_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_billing_charge_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_billing_charge_elder_id_service_date" ON "billing_charge" ("elder_id", "service_date");

CREATE INDEX "IX_billing_charge_organization_id_service_date" ON "billing_charge" ("organization_id", "service_date");

CREATE UNIQUE INDEX "IX_billing_charge_quota_use_id" ON "billing_charge" ("quota_use_id");

CREATE UNIQUE INDEX "ux_billing_charge_visit_item" ON "billing_charge" ("visit_id", "item_code");

CREATE UNIQUE INDEX "ux_billing_price_item_org_code" ON "billing_price_item" ("organization_id", "code");

CREATE UNIQUE INDEX "ux_billing_quota_use_slot" ON "billing_quota_use" ("contract_id", "service_code", "period_start", "ordinal");

CREATE UNIQUE INDEX "ux_billing_quota_use_visit_service" ON "billing_quota_use" ("visit_id", "service_code");

CREATE UNIQUE INDEX "ux_billing_service_fee_band_org_from" ON "billing_service_fee_band" ("organization_id", "from_km");

CREATE UNIQUE INDEX "ux_billing_service_fee_setting_org" ON "billing_service_fee_setting" ("organization_id");
