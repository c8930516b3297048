-- Yiyang migration 20261123110000_FamilyDoctor (SQLite). Family-doctor teams, packages and contracts; generated from the model, then frozen.
CREATE TABLE "familydoctor_team" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_familydoctor_team" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_familydoctor_team_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_familydoctor_team_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "familydoctor_team_member" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_familydoctor_team_member" PRIMARY KEY AUTOINCREMENT,
    "team_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "is_leader" INTEGER NOT NULL,
    "user_id" INTEGER NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "FK_familydoctor_team_member_familydoctor_team_team_id" FOREIGN KEY ("team_id") REFERENCES "familydoctor_team" ("id") ON DELETE CASCADE
);

CREATE TABLE "familydoctor_package" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_familydoctor_package" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "annual_fee_yuan" TEXT NOT NULL,
    "insurance_fund_yuan" TEXT NOT NULL,
    "public_health_fund_yuan" TEXT NOT NULL,
    "elder_pays_yuan" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_familydoctor_package_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_familydoctor_package_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "familydoctor_package_item" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_familydoctor_package_item" PRIMARY KEY AUTOINCREMENT,
    "package_id" INTEGER NOT NULL,
    "service_code" TEXT NOT NULL,
    "service_name" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_familydoctor_package_item_quantity" CHECK (quantity > 0),
    CONSTRAINT "FK_familydoctor_package_item_familydoctor_package_package_id" FOREIGN KEY ("package_id") REFERENCES "familydoctor_package" ("id") ON DELETE CASCADE
);

CREATE TABLE "familydoctor_contract" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_familydoctor_contract" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "team_id" INTEGER NOT NULL,
    "package_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "start_date" TEXT NOT NULL,
    "end_date" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "signed_by" INTEGER NOT NULL,
    "proxy_name" TEXT NULL,
    "proxy_relation" TEXT NULL,
    "annual_fee_yuan" TEXT NOT NULL,
    "elder_pays_yuan" TEXT NOT NULL,
    "previous_contract_id" INTEGER NULL,
    "terminated_on" TEXT NULL,
    "termination_reason" TEXT NULL,
    "signed_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_familydoctor_contract_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_familydoctor_contract_signed_by" CHECK (signed_by IN (1, 2)),
    CONSTRAINT "ck_familydoctor_contract_status" CHECK (status IN (1, 2, 3)),
    CONSTRAINT "ck_familydoctor_contract_term" CHECK (end_date >= start_date),
    CONSTRAINT "FK_familydoctor_contract_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_familydoctor_contract_familydoctor_contract_previous_contract_id" FOREIGN KEY ("previous_contract_id") REFERENCES "familydoctor_contract" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_familydoctor_contract_familydoctor_package_package_id" FOREIGN KEY ("package_id") REFERENCES "familydoctor_package" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_familydoctor_contract_familydoctor_team_team_id" FOREIGN KEY ("team_id") REFERENCES "familydoctor_team" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_familydoctor_contract_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_familydoctor_contract_elder_id_start_date" ON "familydoctor_contract" ("elder_id", "start_date");

CREATE INDEX "IX_familydoctor_contract_organization_id" ON "familydoctor_contract" ("organization_id");

CREATE INDEX "IX_familydoctor_contract_package_id" ON "familydoctor_contract" ("package_id");

CREATE UNIQUE INDEX "IX_familydoctor_contract_previous_contract_id" ON "familydoctor_contract" ("previous_contract_id");

CREATE INDEX "IX_familydoctor_contract_team_id" ON "familydoctor_contract" ("team_id");

CREATE INDEX "IX_familydoctor_contract_township_code_status" ON "familydoctor_contract" ("township_code", "status");

CREATE UNIQUE INDEX "ux_familydoctor_contract_active_elder" ON "familydoctor_contract" ("elder_id") WHERE status = 1;

CREATE UNIQUE INDEX "IX_familydoctor_package_organization_id_name" ON "familydoctor_package" ("organization_id", "name");

CREATE UNIQUE INDEX "IX_familydoctor_package_item_package_id_service_code" ON "familydoctor_package_item" ("package_id", "service_code");

CREATE UNIQUE INDEX "IX_familydoctor_team_organization_id_name" ON "familydoctor_team" ("organization_id", "name");

CREATE INDEX "IX_familydoctor_team_township_code" ON "familydoctor_team" ("township_code");

CREATE INDEX "IX_familydoctor_team_member_team_id" ON "familydoctor_team_member" ("team_id");

CREATE INDEX "IX_familydoctor_team_member_user_id" ON "familydoctor_team_member" ("user_id");
