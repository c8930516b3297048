-- Yiyang migration 20261210400000_EmergencyNotifications (SQLite). Family notifications of the emergency centre: which contacts
-- get which notices, the notices queued and sent (unique per incident, contact and kind), the notifier's cursor.
CREATE TABLE "emergency_notify_cursor" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_notify_cursor" PRIMARY KEY,
    "last_event_id" INTEGER NOT NULL,
    CONSTRAINT "ck_emergency_notify_cursor_single" CHECK (id = 1)
);

CREATE TABLE "emergency_notify_setting" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_notify_setting" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "contact_index" INTEGER NOT NULL,
    "received" INTEGER NOT NULL,
    "dispatched" INTEGER NOT NULL,
    "resolved" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" INTEGER NOT NULL,
    CONSTRAINT "ck_emergency_notify_setting_contact" CHECK (contact_index BETWEEN 0 AND 19),
    CONSTRAINT "FK_emergency_notify_setting_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "emergency_notification" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_notification" PRIMARY KEY AUTOINCREMENT,
    "incident_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "contact_index" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "channel" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "next_attempt_at" INTEGER NOT NULL,
    "last_error" TEXT NULL,
    "created_at" INTEGER NOT NULL,
    "sent_at" INTEGER NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_emergency_notification_attempts" CHECK (attempts >= 0),
    CONSTRAINT "ck_emergency_notification_contact" CHECK (contact_index >= 0),
    CONSTRAINT "ck_emergency_notification_kind" CHECK (kind BETWEEN 1 AND 3),
    CONSTRAINT "ck_emergency_notification_sent" CHECK ((status = 2) = (sent_at IS NOT NULL)),
    CONSTRAINT "ck_emergency_notification_status" CHECK (status BETWEEN 1 AND 4),
    CONSTRAINT "FK_emergency_notification_emergency_incident_incident_id" FOREIGN KEY ("incident_id") REFERENCES "emergency_incident" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_emergency_notification_elder_id" ON "emergency_notification" ("elder_id");

CREATE UNIQUE INDEX "IX_emergency_notification_incident_id_contact_index_kind" ON "emergency_notification" ("incident_id", "contact_index", "kind");

CREATE INDEX "IX_emergency_notification_status_next_attempt_at" ON "emergency_notification" ("status", "next_attempt_at");

CREATE UNIQUE INDEX "IX_emergency_notify_setting_elder_id_contact_index" ON "emergency_notify_setting" ("elder_id", "contact_index");
