-- Yiyang migration 20261208120000_AdmissionSafeguards (SQLite). The admission desk is no oracle and no key to a stranger's
-- record: failed lookups by ID number are rows counted per user and per institution (institutions_admission_miss);
-- admissions by ID card of elders registered elsewhere are told to the registering organization, reviewed by the
-- regulator and confirmed by a check-in before contact data is shown (institutions_admission_review); reaching a limit
-- raises an alert for the security admin (platform_security_alert).
CREATE TABLE "institutions_admission_miss" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_institutions_admission_miss" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "user_name" TEXT NOT NULL,
    "at" INTEGER NOT NULL
);
CREATE TABLE "platform_security_alert" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_platform_security_alert" PRIMARY KEY AUTOINCREMENT,
    "at" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "user_name" TEXT NULL,
    "organization_id" INTEGER NULL,
    "acknowledged_at" INTEGER NULL,
    "acknowledged_by" TEXT NULL,
    "acknowledge_note" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_platform_security_alert_ack" CHECK ((acknowledged_at IS NULL) = (acknowledged_by IS NULL))
);
CREATE TABLE "institutions_admission_review" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_institutions_admission_review" PRIMARY KEY AUTOINCREMENT,
    "stay_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "registered_organization_id" INTEGER NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "admitted_at" INTEGER NOT NULL,
    "admitted_by" TEXT NOT NULL,
    "confirmed_at" INTEGER NULL,
    "confirmed_by" TEXT NULL,
    "confirmation" INTEGER NULL,
    "confirmation_note" TEXT NULL,
    "notice_read_at" INTEGER NULL,
    "notice_read_by" TEXT NULL,
    "reviewed_at" INTEGER NULL,
    "reviewed_by" TEXT NULL,
    "outcome" INTEGER NULL,
    "review_note" TEXT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_institutions_admission_review_confirmed" CHECK ((confirmed_at IS NULL AND confirmed_by IS NULL AND confirmation IS NULL) OR (confirmed_at IS NOT NULL AND confirmed_by IS NOT NULL AND confirmation IN (1))),
    CONSTRAINT "ck_institutions_admission_review_notice" CHECK ((notice_read_at IS NULL) = (notice_read_by IS NULL)),
    CONSTRAINT "ck_institutions_admission_review_other_org" CHECK (registered_organization_id IS NULL OR registered_organization_id <> organization_id),
    CONSTRAINT "ck_institutions_admission_review_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_institutions_admission_review_reviewed" CHECK ((reviewed_at IS NULL AND reviewed_by IS NULL AND outcome IS NULL) OR (reviewed_at IS NOT NULL AND reviewed_by IS NOT NULL AND outcome IN (1, 2))),
    CONSTRAINT "FK_institutions_admission_review_institutions_stay_stay_id" FOREIGN KEY ("stay_id") REFERENCES "institutions_stay" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_institutions_admission_review_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);
CREATE INDEX "IX_institutions_admission_miss_organization_id_at" ON "institutions_admission_miss" ("organization_id", "at");
CREATE INDEX "IX_institutions_admission_miss_user_name_at" ON "institutions_admission_miss" ("user_name", "at");
CREATE INDEX "IX_institutions_admission_review_county_code_reviewed_at" ON "institutions_admission_review" ("county_code", "reviewed_at");
CREATE INDEX "IX_institutions_admission_review_elder_id" ON "institutions_admission_review" ("elder_id");
CREATE INDEX "IX_institutions_admission_review_organization_id" ON "institutions_admission_review" ("organization_id");
CREATE INDEX "IX_institutions_admission_review_registered_organization_id" ON "institutions_admission_review" ("registered_organization_id");
CREATE UNIQUE INDEX "ux_institutions_admission_review_stay" ON "institutions_admission_review" ("stay_id");
CREATE INDEX "IX_platform_security_alert_acknowledged_at_at" ON "platform_security_alert" ("acknowledged_at", "at");
