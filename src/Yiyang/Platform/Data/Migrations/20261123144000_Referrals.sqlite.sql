-- Yiyang migration 20261123144000_Referrals (SQLite). Two-way referrals with the 双向转诊单 fields, their state instants and attachments; one live 回转单 per up-referral (partial unique index); generated from the model, then frozen.
CREATE TABLE "referrals_referral" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_referrals_referral" PRIMARY KEY AUTOINCREMENT,
    "direction" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "from_organization_id" INTEGER NOT NULL,
    "to_organization_id" INTEGER NOT NULL,
    "to_department" TEXT NULL,
    "destination" TEXT NULL,
    "parent_referral_id" INTEGER NULL,
    "indication" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "urgency" INTEGER NOT NULL,
    "initial_impression" TEXT NULL,
    "present_history" TEXT NULL,
    "past_history" TEXT NULL,
    "treatment_so_far" TEXT NULL,
    "diagnosis" TEXT NULL,
    "inpatient_no" TEXT NULL,
    "main_results" TEXT NULL,
    "treatment_course" TEXT NULL,
    "next_step_advice" TEXT NULL,
    "referring_doctor" TEXT NULL,
    "receiving_doctor" TEXT NULL,
    "reject_reason" TEXT NULL,
    "close_note" TEXT NULL,
    "requested_at" INTEGER NOT NULL,
    "accepted_at" INTEGER NULL,
    "arrived_at" INTEGER NULL,
    "returned_at" INTEGER NULL,
    "completed_at" INTEGER NULL,
    "rejected_at" INTEGER NULL,
    "withdrawn_at" INTEGER NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_referrals_referral_accepted" CHECK (status NOT IN (2, 3, 4, 5) OR accepted_at IS NOT NULL),
    CONSTRAINT "ck_referrals_referral_arrived" CHECK (status NOT IN (3, 4, 5) OR arrived_at IS NOT NULL),
    CONSTRAINT "ck_referrals_referral_direction" CHECK (direction IN (1, 2)),
    CONSTRAINT "ck_referrals_referral_down" CHECK ((direction = 1 AND destination IS NULL AND parent_referral_id IS NULL) OR (direction = 2 AND destination IN ('community', 'care-home', 'family-sickbed'))),
    CONSTRAINT "ck_referrals_referral_orgs" CHECK (from_organization_id <> to_organization_id),
    CONSTRAINT "ck_referrals_referral_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_referrals_referral_rejected" CHECK ((status = 6) = (rejected_at IS NOT NULL AND reject_reason IS NOT NULL)),
    CONSTRAINT "ck_referrals_referral_returned" CHECK (status <> 4 OR direction = 1),
    CONSTRAINT "ck_referrals_referral_status" CHECK (status IN (1, 2, 3, 4, 5, 6, 7)),
    CONSTRAINT "ck_referrals_referral_urgency" CHECK (urgency IN (1, 2, 3)),
    CONSTRAINT "ck_referrals_referral_withdrawn" CHECK ((status = 7) = (withdrawn_at IS NOT NULL)),
    CONSTRAINT "FK_referrals_referral_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_referrals_referral_org_organization_from_organization_id" FOREIGN KEY ("from_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_referrals_referral_org_organization_to_organization_id" FOREIGN KEY ("to_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_referrals_referral_referrals_referral_parent_referral_id" FOREIGN KEY ("parent_referral_id") REFERENCES "referrals_referral" ("id") ON DELETE RESTRICT
);

CREATE TABLE "referrals_attachment" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_referrals_attachment" PRIMARY KEY AUTOINCREMENT,
    "referral_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_referrals_attachment_size" CHECK (size_bytes BETWEEN 1 AND 2097152 AND length(content) = size_bytes),
    CONSTRAINT "FK_referrals_attachment_referrals_referral_referral_id" FOREIGN KEY ("referral_id") REFERENCES "referrals_referral" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_referrals_attachment_referral_id" ON "referrals_attachment" ("referral_id");

CREATE INDEX "IX_referrals_referral_elder_id_requested_at" ON "referrals_referral" ("elder_id", "requested_at");

CREATE INDEX "IX_referrals_referral_from_organization_id_status_requested_at" ON "referrals_referral" ("from_organization_id", "status", "requested_at");

CREATE INDEX "IX_referrals_referral_to_organization_id_status_requested_at" ON "referrals_referral" ("to_organization_id", "status", "requested_at");

CREATE UNIQUE INDEX "ux_referrals_referral_live_return" ON "referrals_referral" ("parent_referral_id") WHERE parent_referral_id IS NOT NULL AND status NOT IN (6, 7);
