-- Yiyang migration 20261123163000_GreenChannelAgreements (SQLite). Part 1: Green-channel quotas hang off a cooperation agreement
-- (agreements_agreement with the green-channel item) instead of the greenchannel_partner stand-in, which is dropped.
-- Data: a quota takes its pair's agreement with the green-channel item (the effective one first, else the newest); a pair
-- that has quotas but no such agreement gets a stub agreement stored as 终止 (terminated today, reason below), so its
-- quotas and appointments stay readable and the channel stays closed until a real agreement is signed.
-- SQLite cannot drop a column with a foreign key: greenchannel_quota is rebuilt, and greenchannel_appointment with it
-- (its composite foreign key references the quota; rebuilding both keeps foreign keys on inside the transaction).

INSERT INTO "agreements_agreement" ("medical_organization_id", "care_organization_id", "start_on", "end_on", "items", "rounds_per_month", "fee",
    "medical_duties", "care_duties", "status", "activated_at", "terminated_on", "terminate_reason", "county_code", "created_by_user", "created_at", "updated_at", "version")
SELECT p."hospital_organization_id", p."care_organization_id", date('now', '+8 hours'), date('now', '+8 hours'), 'green-channel', NULL, NULL,
    '（由绿色通道过渡合作关系迁移）', '（由绿色通道过渡合作关系迁移）', 3, p."created_at", date('now', '+8 hours'),
    '迁移：原绿色通道合作关系未签订签约合作协议，绿色通道暂停；签订协议后重新设置名额。', substr(o."township_code", 1, 6), 'migration', p."created_at", p."created_at", 0
FROM "greenchannel_partner" p
JOIN "org_organization" o ON o."id" = p."care_organization_id"
WHERE EXISTS (SELECT 1 FROM "greenchannel_quota" q WHERE q."partner_id" = p."id")
  AND NOT EXISTS (SELECT 1 FROM "agreements_agreement" a WHERE a."medical_organization_id" = p."hospital_organization_id"
      AND a."care_organization_id" = p."care_organization_id" AND (',' || a."items" || ',') LIKE '%,green-channel,%');

CREATE TABLE "greenchannel_quota_new" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_greenchannel_quota" PRIMARY KEY AUTOINCREMENT,
    "agreement_id" INTEGER NOT NULL,
    "hospital_organization_id" INTEGER NOT NULL,
    "care_organization_id" INTEGER NOT NULL,
    "department" TEXT NOT NULL,
    "daily_quota" INTEGER NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ak_greenchannel_quota_id_daily" UNIQUE ("id", "daily_quota"),
    CONSTRAINT "ck_greenchannel_quota_daily" CHECK (daily_quota BETWEEN 1 AND 100),
    CONSTRAINT "FK_greenchannel_quota_agreements_agreement_agreement_id" FOREIGN KEY ("agreement_id") REFERENCES "agreements_agreement" ("id") ON DELETE RESTRICT
);

INSERT INTO "greenchannel_quota_new" ("id", "agreement_id", "hospital_organization_id", "care_organization_id", "department", "daily_quota", "created_by_user", "created_at")
SELECT q."id",
    (SELECT a."id" FROM "agreements_agreement" a
     WHERE a."medical_organization_id" = q."hospital_organization_id" AND a."care_organization_id" = q."care_organization_id"
       AND (',' || a."items" || ',') LIKE '%,green-channel,%'
     ORDER BY (a."status" = 2) DESC, a."id" DESC LIMIT 1),
    q."hospital_organization_id", q."care_organization_id", q."department", q."daily_quota", q."created_by_user", q."created_at"
FROM "greenchannel_quota" q;

CREATE TABLE "greenchannel_appointment_new" (
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
    CONSTRAINT "FK_greenchannel_appointment_greenchannel_quota_quota_id_daily_quota" FOREIGN KEY ("quota_id", "daily_quota") REFERENCES "greenchannel_quota_new" ("id", "daily_quota") ON DELETE RESTRICT
);

INSERT INTO "greenchannel_appointment_new" ("id", "quota_id", "daily_quota", "hospital_organization_id", "care_organization_id", "department", "elder_id",
    "date", "slot_ordinal", "status", "reason", "referral_id", "booked_at", "confirmed_at", "arrived_at", "served_at", "cancelled_at", "cancel_reason",
    "township_code", "county_code", "created_by_user", "updated_at", "version")
SELECT "id", "quota_id", "daily_quota", "hospital_organization_id", "care_organization_id", "department", "elder_id",
    "date", "slot_ordinal", "status", "reason", "referral_id", "booked_at", "confirmed_at", "arrived_at", "served_at", "cancelled_at", "cancel_reason",
    "township_code", "county_code", "created_by_user", "updated_at", "version"
FROM "greenchannel_appointment";

DROP TABLE "greenchannel_appointment";

DROP TABLE "greenchannel_quota";

DROP TABLE "greenchannel_partner";

-- renaming rewrites the appointment's REFERENCES "greenchannel_quota_new" to "greenchannel_quota"
ALTER TABLE "greenchannel_quota_new" RENAME TO "greenchannel_quota";

ALTER TABLE "greenchannel_appointment_new" RENAME TO "greenchannel_appointment";

CREATE INDEX "IX_greenchannel_quota_care_organization_id" ON "greenchannel_quota" ("care_organization_id");

CREATE UNIQUE INDEX "ux_greenchannel_quota_department" ON "greenchannel_quota" ("agreement_id", "department");

CREATE INDEX "IX_greenchannel_appointment_care_organization_id_date" ON "greenchannel_appointment" ("care_organization_id", "date");

CREATE INDEX "IX_greenchannel_appointment_elder_id" ON "greenchannel_appointment" ("elder_id");

CREATE INDEX "IX_greenchannel_appointment_hospital_organization_id_date" ON "greenchannel_appointment" ("hospital_organization_id", "date");

CREATE INDEX "IX_greenchannel_appointment_quota_id_daily_quota" ON "greenchannel_appointment" ("quota_id", "daily_quota");

CREATE UNIQUE INDEX "ux_greenchannel_appointment_slot" ON "greenchannel_appointment" ("quota_id", "date", "slot_ordinal") WHERE status <> 5;

-- A down-referral opens a family sickbed or a care-home admission (issue 5 item 6): the link, at most one per referral.
-- SQLite cannot add a table constraint; the follow-up check rides on the last new column (same expression as ck_referrals_referral_follow_up).
ALTER TABLE "referrals_referral" ADD COLUMN "sickbed_id" INTEGER NULL CONSTRAINT "FK_referrals_referral_sickbed_sickbed_sickbed_id" REFERENCES "sickbed_sickbed" ("id") ON DELETE RESTRICT;

ALTER TABLE "referrals_referral" ADD COLUMN "stay_id" INTEGER NULL CONSTRAINT "FK_referrals_referral_institutions_stay_stay_id" REFERENCES "institutions_stay" ("id") ON DELETE RESTRICT
    CONSTRAINT "ck_referrals_referral_follow_up" CHECK ((sickbed_id IS NULL AND stay_id IS NULL) OR (direction = 2 AND (sickbed_id IS NULL OR stay_id IS NULL)));

CREATE UNIQUE INDEX "ux_referrals_referral_sickbed" ON "referrals_referral" ("sickbed_id");

CREATE UNIQUE INDEX "ux_referrals_referral_stay" ON "referrals_referral" ("stay_id");
