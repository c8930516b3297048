-- Yiyang migration 20261123171000_QuotaPage (SQLite). A green-channel quota's daily number can be changed: the
-- appointment's composite foreign key (quota_id, daily_quota) follows the quota (ON UPDATE CASCADE), and the slot check
-- (slot_ordinal BETWEEN 1 AND daily_quota) is evaluated again on every cascaded row. SQLite cannot alter a foreign key:
-- greenchannel_appointment is rebuilt (create _new, copy, drop, rename; no table references it) with the same columns,
-- checks and indexes.

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
    CONSTRAINT "FK_greenchannel_appointment_greenchannel_quota_quota_id_daily_quota" FOREIGN KEY ("quota_id", "daily_quota") REFERENCES "greenchannel_quota" ("id", "daily_quota") ON UPDATE CASCADE ON DELETE RESTRICT
);

INSERT INTO "greenchannel_appointment_new" ("id", "quota_id", "daily_quota", "hospital_organization_id", "care_organization_id", "department", "elder_id",
    "date", "slot_ordinal", "status", "reason", "referral_id", "booked_at", "confirmed_at", "arrived_at", "served_at", "cancelled_at", "cancel_reason",
    "township_code", "county_code", "created_by_user", "updated_at", "version")
SELECT "id", "quota_id", "daily_quota", "hospital_organization_id", "care_organization_id", "department", "elder_id",
    "date", "slot_ordinal", "status", "reason", "referral_id", "booked_at", "confirmed_at", "arrived_at", "served_at", "cancelled_at", "cancel_reason",
    "township_code", "county_code", "created_by_user", "updated_at", "version"
FROM "greenchannel_appointment";

DROP TABLE "greenchannel_appointment";

ALTER TABLE "greenchannel_appointment_new" RENAME TO "greenchannel_appointment";

CREATE INDEX "IX_greenchannel_appointment_care_organization_id_date" ON "greenchannel_appointment" ("care_organization_id", "date");

CREATE INDEX "IX_greenchannel_appointment_elder_id" ON "greenchannel_appointment" ("elder_id");

CREATE INDEX "IX_greenchannel_appointment_hospital_organization_id_date" ON "greenchannel_appointment" ("hospital_organization_id", "date");

CREATE INDEX "IX_greenchannel_appointment_quota_id_daily_quota" ON "greenchannel_appointment" ("quota_id", "daily_quota");

CREATE UNIQUE INDEX "ux_greenchannel_appointment_slot" ON "greenchannel_appointment" ("quota_id", "date", "slot_ordinal") WHERE status <> 5;
