-- Yiyang migration 20261211100000_VitalAlertInbox. Vital alerts: the abnormal vitals of a visit (homecare_visit_vital_breach), the inbox (inbox_message), the source of an incident.
ALTER TABLE "emergency_incident" ADD COLUMN "source_name" TEXT NULL;
ALTER TABLE "emergency_incident" ADD COLUMN "source_link" TEXT NULL CONSTRAINT "ck_emergency_incident_source_link" CHECK (source_link IS NULL OR (source_name IS NOT NULL AND substr(source_link, 1, 1) = '/' AND substr(source_link, 2, 1) <> '/'));

CREATE TABLE "inbox_message" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_inbox_message" PRIMARY KEY AUTOINCREMENT,
    "recipient_user" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "link" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "source_key" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "read_at" INTEGER NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_inbox_message_kind" CHECK (kind IN ('vital-alert')),
    CONSTRAINT "ck_inbox_message_link" CHECK (substr(link, 1, 1) = '/' AND substr(link, 2, 1) <> '/'),
    CONSTRAINT "ck_inbox_message_read" CHECK (read_at IS NULL OR read_at >= created_at),
    CONSTRAINT "FK_inbox_message_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "homecare_visit_vital_breach" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_homecare_visit_vital_breach" PRIMARY KEY AUTOINCREMENT,
    "visit_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "field" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "active" INTEGER NOT NULL,
    "alerted_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_homecare_visit_vital_breach_field" CHECK (field IN ('systolic', 'diastolic', 'pulse', 'temperature', 'glucose', 'spo2')),
    CONSTRAINT "FK_homecare_visit_vital_breach_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_homecare_visit_vital_breach_homecare_visit_visit_id" FOREIGN KEY ("visit_id") REFERENCES "homecare_visit" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_homecare_visit_vital_breach_elder_id_alerted_at" ON "homecare_visit_vital_breach" ("elder_id", "alerted_at");

CREATE UNIQUE INDEX "ux_homecare_visit_vital_breach" ON "homecare_visit_vital_breach" ("visit_id", "field");

CREATE INDEX "IX_inbox_message_elder_id" ON "inbox_message" ("elder_id");

CREATE INDEX "ix_inbox_message_recipient" ON "inbox_message" ("recipient_user", "read_at", "created_at");

CREATE UNIQUE INDEX "ux_inbox_message_source" ON "inbox_message" ("recipient_user", "kind", "source_key");
