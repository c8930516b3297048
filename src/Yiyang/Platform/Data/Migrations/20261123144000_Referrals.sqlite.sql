-- Yiyang migration 20261123144000_Referrals (SQLite). Two-way referrals with the 双向转诊单 fields, their state instants and attachments; one live 回转单 per up-referral (partial unique index). Green channel: hospital-care partner pairs (stand-in for the agreements module), daily quotas per department, appointments with a live slot ordinal unique per quota and day and never above the quota (composite foreign key + check). Generated from the model, then frozen.
CREATE TABLE "greenchannel_partner" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_greenchannel_partner" PRIMARY KEY AUTOINCREMENT,
    "hospital_organization_id" INTEGER NOT NULL,
    "care_organization_id" INTEGER NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_greenchannel_partner_orgs" CHECK (hospital_organization_id <> care_organization_id),
    CONSTRAINT "FK_greenchannel_partner_org_organization_care_organization_id" FOREIGN KEY ("care_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_greenchannel_partner_org_organization_hospital_organization_id" FOREIGN KEY ("hospital_organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

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

CREATE TABLE "greenchannel_quota" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_greenchannel_quota" PRIMARY KEY AUTOINCREMENT,
    "partner_id" INTEGER NOT NULL,
    "hospital_organization_id" INTEGER NOT NULL,
    "care_organization_id" INTEGER NOT NULL,
    "department" TEXT NOT NULL,
    "daily_quota" INTEGER NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ak_greenchannel_quota_id_daily" UNIQUE ("id", "daily_quota"),
    CONSTRAINT "ck_greenchannel_quota_daily" CHECK (daily_quota BETWEEN 1 AND 100),
    CONSTRAINT "FK_greenchannel_quota_greenchannel_partner_partner_id" FOREIGN KEY ("partner_id") REFERENCES "greenchannel_partner" ("id") ON DELETE RESTRICT
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

CREATE TABLE "greenchannel_appointment" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_greenchannel_appointment" PRIMARY KEY AUTOINCREMENT,
    "quota_id" INTEGER NOT NULL,
    "daily_quota" INTEGER NOT NULL,
    "hospital_organization_id" INTEGER NOT NULL,
    "care_organization_id" INTEGER NOT NULL,
    "department" TEXT NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "slot_ordinal" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "referral_id" INTEGER NULL,
    "booked_at" INTEGER NOT NULL,
    "confirmed_at" INTEGER NULL,
    "arrived_at" INTEGER NULL,
    "served_at" INTEGER NULL,
    "cancelled_at" INTEGER NULL,
    "cancel_reason" TEXT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_greenchannel_appointment_cancel" CHECK ((status = 5) = (cancelled_at IS NOT NULL AND cancel_reason IS NOT NULL)),
    CONSTRAINT "ck_greenchannel_appointment_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_greenchannel_appointment_served" CHECK (status <> 4 OR (arrived_at IS NOT NULL AND served_at IS NOT NULL)),
    CONSTRAINT "ck_greenchannel_appointment_slot" CHECK (slot_ordinal BETWEEN 1 AND daily_quota),
    CONSTRAINT "ck_greenchannel_appointment_status" CHECK (status IN (1, 2, 3, 4, 5)),
    CONSTRAINT "FK_greenchannel_appointment_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_greenchannel_appointment_greenchannel_quota_quota_id_daily_quota" FOREIGN KEY ("quota_id", "daily_quota") REFERENCES "greenchannel_quota" ("id", "daily_quota") ON DELETE RESTRICT
);

CREATE INDEX "IX_greenchannel_appointment_care_organization_id_date" ON "greenchannel_appointment" ("care_organization_id", "date");

CREATE INDEX "IX_greenchannel_appointment_elder_id" ON "greenchannel_appointment" ("elder_id");

CREATE INDEX "IX_greenchannel_appointment_hospital_organization_id_date" ON "greenchannel_appointment" ("hospital_organization_id", "date");

CREATE INDEX "IX_greenchannel_appointment_quota_id_daily_quota" ON "greenchannel_appointment" ("quota_id", "daily_quota");

CREATE UNIQUE INDEX "ux_greenchannel_appointment_slot" ON "greenchannel_appointment" ("quota_id", "date", "slot_ordinal") WHERE status <> 5;

CREATE INDEX "IX_greenchannel_partner_care_organization_id" ON "greenchannel_partner" ("care_organization_id");

CREATE UNIQUE INDEX "ux_greenchannel_partner_pair" ON "greenchannel_partner" ("hospital_organization_id", "care_organization_id");

CREATE INDEX "IX_greenchannel_quota_care_organization_id" ON "greenchannel_quota" ("care_organization_id");

CREATE UNIQUE INDEX "ux_greenchannel_quota_department" ON "greenchannel_quota" ("partner_id", "department");

CREATE INDEX "IX_referrals_attachment_referral_id" ON "referrals_attachment" ("referral_id");

CREATE INDEX "IX_referrals_referral_elder_id_requested_at" ON "referrals_referral" ("elder_id", "requested_at");

CREATE INDEX "IX_referrals_referral_from_organization_id_status_requested_at" ON "referrals_referral" ("from_organization_id", "status", "requested_at");

CREATE INDEX "IX_referrals_referral_to_organization_id_status_requested_at" ON "referrals_referral" ("to_organization_id", "status", "requested_at");

CREATE UNIQUE INDEX "ux_referrals_referral_live_return" ON "referrals_referral" ("parent_referral_id") WHERE parent_referral_id IS NOT NULL AND status NOT IN (6, 7);
