-- Yiyang migration 20261208110000_Emergency (SQLite). The emergency centre (see the PostgreSQL script).

CREATE TABLE "emergency_device" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_device" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "kind" INTEGER NOT NULL,
    "serial" TEXT NOT NULL,
    "installed_at" TEXT NULL,
    "heartbeat_seconds" INTEGER NOT NULL,
    "secret_hash" BLOB NOT NULL,
    "bound_from" INTEGER NOT NULL,
    "revoked_at" INTEGER NULL,
    "revoked_by" TEXT NULL,
    "revoke_reason" TEXT NULL,
    "last_seen_at" INTEGER NULL,
    "offline_after" INTEGER NOT NULL,
    "battery_percent" INTEGER NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_emergency_device_battery" CHECK (battery_percent IS NULL OR battery_percent BETWEEN 0 AND 100),
    CONSTRAINT "ck_emergency_device_heartbeat" CHECK (heartbeat_seconds BETWEEN 60 AND 604800),
    CONSTRAINT "ck_emergency_device_kind" CHECK (kind BETWEEN 1 AND 9),
    CONSTRAINT "ck_emergency_device_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_emergency_device_revoked" CHECK ((revoked_at IS NULL) = (revoked_by IS NULL)),
    CONSTRAINT "FK_emergency_device_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "emergency_threshold" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_threshold" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "systolic_high" INTEGER NOT NULL,
    "systolic_low" INTEGER NOT NULL,
    "diastolic_high" INTEGER NOT NULL,
    "spo2_low" INTEGER NOT NULL,
    "temperature_high" TEXT NOT NULL,
    "glucose_high" TEXT NOT NULL,
    "glucose_low" TEXT NOT NULL,
    "pulse_high" INTEGER NOT NULL,
    "pulse_low" INTEGER NOT NULL,
    "set_by" TEXT NOT NULL,
    "set_at" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_emergency_threshold_order" CHECK (systolic_low < systolic_high AND pulse_low < pulse_high AND CAST(glucose_low AS REAL) < CAST(glucose_high AS REAL)),
    CONSTRAINT "FK_emergency_threshold_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);

CREATE TABLE "emergency_incident" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_incident" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "device_id" INTEGER NULL,
    "kind" INTEGER NOT NULL,
    "priority" INTEGER NOT NULL,
    "status" INTEGER NOT NULL,
    "summary" TEXT NOT NULL,
    "signal_count" INTEGER NOT NULL,
    "opened_at" INTEGER NOT NULL,
    "last_signal_at" INTEGER NOT NULL,
    "acknowledged_at" INTEGER NULL,
    "acknowledged_by" TEXT NULL,
    "dispatched_at" INTEGER NULL,
    "dispatched_by" TEXT NULL,
    "on_scene_at" INTEGER NULL,
    "on_scene_by" TEXT NULL,
    "resolved_at" INTEGER NULL,
    "resolved_by" TEXT NULL,
    "outcome" INTEGER NULL,
    "outcome_note" TEXT NULL,
    "closed_at" INTEGER NULL,
    "closed_by" TEXT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_emergency_incident_acknowledged" CHECK (status < 2 OR (acknowledged_at IS NOT NULL AND acknowledged_by IS NOT NULL)),
    CONSTRAINT "ck_emergency_incident_closed" CHECK ((status = 6) = (closed_at IS NOT NULL AND closed_by IS NOT NULL)),
    CONSTRAINT "ck_emergency_incident_dispatched" CHECK (status NOT IN (3, 4) OR (dispatched_at IS NOT NULL AND dispatched_by IS NOT NULL)),
    CONSTRAINT "ck_emergency_incident_kind" CHECK (kind BETWEEN 1 AND 9),
    CONSTRAINT "ck_emergency_incident_on_scene" CHECK (status <> 4 OR (on_scene_at IS NOT NULL AND on_scene_by IS NOT NULL)),
    CONSTRAINT "ck_emergency_incident_outcome" CHECK (outcome IS NULL OR outcome IN (1, 2, 3, 4, 5, 6, 7, 9)),
    CONSTRAINT "ck_emergency_incident_priority" CHECK (priority BETWEEN 1 AND 3),
    CONSTRAINT "ck_emergency_incident_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "ck_emergency_incident_resolved" CHECK ((status >= 5) = (resolved_at IS NOT NULL AND resolved_by IS NOT NULL AND outcome IS NOT NULL)),
    CONSTRAINT "ck_emergency_incident_signals" CHECK (signal_count >= 1 AND last_signal_at >= opened_at),
    CONSTRAINT "ck_emergency_incident_status" CHECK (status BETWEEN 1 AND 6),
    CONSTRAINT "FK_emergency_incident_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_emergency_incident_emergency_device_device_id" FOREIGN KEY ("device_id") REFERENCES "emergency_device" ("id") ON DELETE RESTRICT
);

CREATE TABLE "emergency_alarm" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_alarm" PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL,
    "message_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "received_at" INTEGER NOT NULL,
    "value" TEXT NULL,
    "unit" TEXT NULL,
    "incident_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_emergency_alarm_kind" CHECK (kind IN (1, 2, 3, 4, 5, 8, 9)),
    CONSTRAINT "FK_emergency_alarm_emergency_device_device_id" FOREIGN KEY ("device_id") REFERENCES "emergency_device" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_emergency_alarm_emergency_incident_incident_id" FOREIGN KEY ("incident_id") REFERENCES "emergency_incident" ("id") ON DELETE RESTRICT
);

CREATE TABLE "emergency_dispatch" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_dispatch" PRIMARY KEY AUTOINCREMENT,
    "incident_id" INTEGER NOT NULL,
    "responder_kind" INTEGER NOT NULL,
    "responder_name" TEXT NULL,
    "note" TEXT NULL,
    "dispatched_at" INTEGER NOT NULL,
    "dispatched_by" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_emergency_dispatch_responder" CHECK (responder_kind BETWEEN 1 AND 5),
    CONSTRAINT "FK_emergency_dispatch_emergency_incident_incident_id" FOREIGN KEY ("incident_id") REFERENCES "emergency_incident" ("id") ON DELETE RESTRICT
);

CREATE TABLE "emergency_reading" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_reading" PRIMARY KEY AUTOINCREMENT,
    "device_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "message_id" TEXT NOT NULL,
    "measured_at" INTEGER NOT NULL,
    "received_at" INTEGER NOT NULL,
    "systolic_mm_hg" INTEGER NULL,
    "diastolic_mm_hg" INTEGER NULL,
    "pulse_per_min" INTEGER NULL,
    "temperature_c" TEXT NULL,
    "glucose_mmol_l" TEXT NULL,
    "spo2_percent" INTEGER NULL,
    "weight_kg" TEXT NULL,
    "incident_id" INTEGER NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_emergency_reading_any" CHECK (COALESCE(systolic_mm_hg, diastolic_mm_hg, pulse_per_min, spo2_percent) IS NOT NULL OR COALESCE(temperature_c, glucose_mmol_l, weight_kg) IS NOT NULL),
    CONSTRAINT "ck_emergency_reading_values" CHECK ((systolic_mm_hg IS NULL OR systolic_mm_hg BETWEEN 60 AND 260) AND (diastolic_mm_hg IS NULL OR diastolic_mm_hg BETWEEN 30 AND 160) AND (pulse_per_min IS NULL OR pulse_per_min BETWEEN 30 AND 220) AND (temperature_c IS NULL OR CAST(temperature_c AS REAL) BETWEEN 34 AND 43) AND (glucose_mmol_l IS NULL OR CAST(glucose_mmol_l AS REAL) BETWEEN 1 AND 35) AND (spo2_percent IS NULL OR spo2_percent BETWEEN 50 AND 100) AND (weight_kg IS NULL OR CAST(weight_kg AS REAL) BETWEEN 20 AND 200)),
    CONSTRAINT "FK_emergency_reading_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_emergency_reading_emergency_device_device_id" FOREIGN KEY ("device_id") REFERENCES "emergency_device" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_emergency_reading_emergency_incident_incident_id" FOREIGN KEY ("incident_id") REFERENCES "emergency_incident" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_emergency_alarm_incident_id" ON "emergency_alarm" ("incident_id");

CREATE UNIQUE INDEX "ux_emergency_alarm_message" ON "emergency_alarm" ("device_id", "message_id");

CREATE INDEX "IX_emergency_device_elder_id" ON "emergency_device" ("elder_id");

CREATE INDEX "ix_emergency_device_offline_after" ON "emergency_device" ("offline_after") WHERE revoked_at IS NULL;

CREATE UNIQUE INDEX "ux_emergency_device_secret" ON "emergency_device" ("secret_hash");

CREATE UNIQUE INDEX "ux_emergency_device_serial" ON "emergency_device" ("kind", "serial") WHERE revoked_at IS NULL;

CREATE INDEX "IX_emergency_dispatch_incident_id" ON "emergency_dispatch" ("incident_id");

CREATE INDEX "IX_emergency_incident_device_id_last_signal_at" ON "emergency_incident" ("device_id", "last_signal_at");

CREATE INDEX "IX_emergency_incident_elder_id_opened_at" ON "emergency_incident" ("elder_id", "opened_at");

CREATE INDEX "ix_emergency_incident_queue" ON "emergency_incident" ("status", "priority", "opened_at");

CREATE UNIQUE INDEX "ux_emergency_incident_device_problem" ON "emergency_incident" ("device_id", "kind") WHERE kind IN (7, 8) AND status < 5;

CREATE INDEX "IX_emergency_reading_elder_id_measured_at" ON "emergency_reading" ("elder_id", "measured_at");

CREATE INDEX "IX_emergency_reading_incident_id" ON "emergency_reading" ("incident_id");

CREATE UNIQUE INDEX "ux_emergency_reading_message" ON "emergency_reading" ("device_id", "message_id");

CREATE UNIQUE INDEX "ux_emergency_threshold_elder" ON "emergency_threshold" ("elder_id");
