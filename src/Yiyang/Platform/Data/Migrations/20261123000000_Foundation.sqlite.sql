-- Yiyang migration 20261123000000_Foundation (SQLite). Generated from the model, then frozen; extras at the end.
CREATE TABLE "org_organization" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_org_organization" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "medical_type" TEXT NULL,
    "care_type" TEXT NULL,
    "level" TEXT NULL,
    "credit_code" TEXT NOT NULL,
    "medical_licence_no" TEXT NULL,
    "care_licence_no" TEXT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "address" TEXT NULL,
    "phone" TEXT NULL,
    "insurance_designated" INTEGER NOT NULL,
    "has_geriatrics_dept" INTEGER NOT NULL,
    "has_tcm_hall" INTEGER NOT NULL,
    "has_medical_room" INTEGER NOT NULL,
    "elder_care_beds" INTEGER NOT NULL,
    "nursing_beds" INTEGER NOT NULL,
    "medical_beds" INTEGER NOT NULL,
    "hospice_beds" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_org_organization_beds" CHECK (elder_care_beds >= 0 AND nursing_beds >= 0 AND medical_beds >= 0 AND hospice_beds >= 0),
    CONSTRAINT "ck_org_organization_kind" CHECK (kind IN (1, 2, 3))
);


CREATE TABLE "platform_audit_entry" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_platform_audit_entry" PRIMARY KEY AUTOINCREMENT,
    "at" INTEGER NOT NULL,
    "user_id" INTEGER NULL,
    "user_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NULL,
    "elder_id" INTEGER NULL,
    "detail" TEXT NULL,
    "remote_ip" TEXT NULL,
    "prev_hash" TEXT NOT NULL,
    "hash" TEXT NOT NULL
);


CREATE TABLE "platform_data_protection_key" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_platform_data_protection_key" PRIMARY KEY AUTOINCREMENT,
    "friendly_name" TEXT NULL,
    "xml" TEXT NULL
);


CREATE TABLE "accounts_user" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_accounts_user" PRIMARY KEY AUTOINCREMENT,
    "user_name" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "bureau" TEXT NULL,
    "region_code" TEXT NULL,
    "organization_id" INTEGER NULL,
    "is_active" INTEGER NOT NULL,
    "failed_login_count" INTEGER NOT NULL,
    "locked_until" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_accounts_user_failed" CHECK (failed_login_count >= 0),
    CONSTRAINT "FK_accounts_user_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);


CREATE TABLE "elders_elder" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_elders_elder" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "sex" INTEGER NOT NULL,
    "birth_date" TEXT NOT NULL,
    "id_number_cipher" BLOB NOT NULL,
    "id_number_hash" BLOB NOT NULL,
    "id_number_masked" TEXT NOT NULL,
    "phone_cipher" BLOB NULL,
    "phone_hash" BLOB NULL,
    "phone_masked" TEXT NULL,
    "address_cipher" BLOB NULL,
    "address_masked" TEXT NULL,
    "contacts_cipher" BLOB NULL,
    "contact_count" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "insurance_type" TEXT NULL,
    "health_card_no" TEXT NULL,
    "flags" INTEGER NOT NULL,
    "responsible_organization_id" INTEGER NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_elders_elder_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_elders_elder_sex" CHECK (sex IN (0, 1, 2, 9)),
    CONSTRAINT "FK_elders_elder_org_organization_responsible_organization_id" FOREIGN KEY ("responsible_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);


CREATE TABLE "accounts_api_token" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_accounts_api_token" PRIMARY KEY AUTOINCREMENT,
    "token_hash" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    CONSTRAINT "FK_accounts_api_token_accounts_user_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") ON DELETE CASCADE
);


CREATE TABLE "elders_timeline_event" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_elders_timeline_event" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "module" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    CONSTRAINT "FK_elders_timeline_event_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE CASCADE
);


CREATE UNIQUE INDEX "IX_accounts_api_token_token_hash" ON "accounts_api_token" ("token_hash");


CREATE INDEX "IX_accounts_api_token_user_id" ON "accounts_api_token" ("user_id");


CREATE INDEX "IX_accounts_user_organization_id" ON "accounts_user" ("organization_id");


CREATE UNIQUE INDEX "IX_accounts_user_user_name" ON "accounts_user" ("user_name");


CREATE INDEX "IX_elders_elder_county_code_name" ON "elders_elder" ("county_code", "name");


CREATE UNIQUE INDEX "IX_elders_elder_id_number_hash" ON "elders_elder" ("id_number_hash");


CREATE INDEX "IX_elders_elder_name" ON "elders_elder" ("name");


CREATE INDEX "IX_elders_elder_phone_hash" ON "elders_elder" ("phone_hash");


CREATE INDEX "IX_elders_elder_responsible_organization_id" ON "elders_elder" ("responsible_organization_id");


CREATE INDEX "IX_elders_elder_township_code_name" ON "elders_elder" ("township_code", "name");


CREATE INDEX "IX_elders_timeline_event_elder_id_at" ON "elders_timeline_event" ("elder_id", "at");


CREATE UNIQUE INDEX "IX_org_organization_credit_code" ON "org_organization" ("credit_code");


CREATE INDEX "IX_org_organization_name" ON "org_organization" ("name");


CREATE INDEX "IX_org_organization_township_code" ON "org_organization" ("township_code");


CREATE INDEX "IX_platform_audit_entry_at" ON "platform_audit_entry" ("at");


CREATE INDEX "IX_platform_audit_entry_elder_id" ON "platform_audit_entry" ("elder_id");


CREATE UNIQUE INDEX "IX_platform_audit_entry_hash" ON "platform_audit_entry" ("hash");


CREATE UNIQUE INDEX "IX_platform_audit_entry_prev_hash" ON "platform_audit_entry" ("prev_hash");


CREATE INDEX "IX_platform_audit_entry_subject_type_subject_id" ON "platform_audit_entry" ("subject_type", "subject_id");




-- the audit trail is append-only: UPDATE and DELETE are refused by the database itself
CREATE TRIGGER platform_audit_entry_no_update BEFORE UPDATE ON platform_audit_entry
BEGIN
    SELECT RAISE(ABORT, 'platform_audit_entry is append-only');
END;
CREATE TRIGGER platform_audit_entry_no_delete BEFORE DELETE ON platform_audit_entry
BEGIN
    SELECT RAISE(ABORT, 'platform_audit_entry is append-only');
END;
