-- Yiyang migration 20261123150000_Agreements (SQLite). Cooperation agreements between a medical and a care institution (term, content items, fee, duties, status) with attachment metadata; one effective agreement per pair (partial unique index). Generated from the model, then frozen.
CREATE TABLE "agreements_agreement" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_agreements_agreement" PRIMARY KEY AUTOINCREMENT,
    "medical_organization_id" INTEGER NOT NULL,
    "care_organization_id" INTEGER NOT NULL,
    "start_on" TEXT NOT NULL,
    "end_on" TEXT NOT NULL,
    "items" TEXT NOT NULL,
    "rounds_per_month" INTEGER NULL,
    "fee" TEXT NULL,
    "medical_duties" TEXT NOT NULL,
    "care_duties" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "activated_at" INTEGER NULL,
    "terminated_on" TEXT NULL,
    "terminate_reason" TEXT NULL,
    "county_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_agreements_agreement_activated" CHECK (status = 1 OR activated_at IS NOT NULL),
    CONSTRAINT "ck_agreements_agreement_fee" CHECK (fee IS NULL OR fee >= 0),
    CONSTRAINT "ck_agreements_agreement_orgs" CHECK (medical_organization_id <> care_organization_id),
    CONSTRAINT "ck_agreements_agreement_rounds" CHECK (rounds_per_month IS NULL OR rounds_per_month BETWEEN 1 AND 31),
    CONSTRAINT "ck_agreements_agreement_status" CHECK (status IN (1, 2, 3, 4)),
    CONSTRAINT "ck_agreements_agreement_term" CHECK (end_on >= start_on),
    CONSTRAINT "ck_agreements_agreement_terminated" CHECK ((status = 3) = (terminated_on IS NOT NULL AND terminate_reason IS NOT NULL)),
    CONSTRAINT "FK_agreements_agreement_org_organization_care_organization_id" FOREIGN KEY ("care_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_agreements_agreement_org_organization_medical_organization_id" FOREIGN KEY ("medical_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "agreements_attachment" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_agreements_attachment" PRIMARY KEY AUTOINCREMENT,
    "agreement_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "description" TEXT NULL,
    "size_bytes" INTEGER NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_agreements_attachment_size" CHECK (size_bytes IS NULL OR size_bytes >= 0),
    CONSTRAINT "FK_agreements_attachment_agreements_agreement_agreement_id" FOREIGN KEY ("agreement_id") REFERENCES "agreements_agreement" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_agreements_agreement_care_organization_id_status" ON "agreements_agreement" ("care_organization_id", "status");

CREATE UNIQUE INDEX "ux_agreements_agreement_effective_pair" ON "agreements_agreement" ("medical_organization_id", "care_organization_id") WHERE status = 2;

CREATE INDEX "IX_agreements_attachment_agreement_id" ON "agreements_attachment" ("agreement_id");
