-- Yiyang migration 20261209110000_EmergencyCalls (SQLite). Calls to the emergency centre (the caller number encrypted, keyed-hashed and masked;
-- reason, triage, outcome, the incident it opened or joined) and the known callers of elders (contacts' and registered numbers' hashes).
CREATE TABLE "emergency_caller" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_caller" PRIMARY KEY AUTOINCREMENT,
    "phone_hash" BLOB NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "source" INTEGER NOT NULL,
    "relation" TEXT NOT NULL,
    "name_masked" TEXT NULL,
    "county_code" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "created_by" TEXT NOT NULL,
    CONSTRAINT "ck_emergency_caller_source" CHECK (source IN (2, 3)),
    CONSTRAINT "FK_emergency_caller_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);
CREATE TABLE "emergency_call" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_call" PRIMARY KEY AUTOINCREMENT,
    "caller_cipher" BLOB NULL,
    "caller_hash" BLOB NULL,
    "caller_masked" TEXT NULL,
    "line" TEXT NULL,
    "opened_by" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "received_at" INTEGER NOT NULL,
    "answered_at" INTEGER NULL,
    "answered_by" TEXT NULL,
    "elder_id" INTEGER NULL,
    "matched_as" INTEGER NULL,
    "caller_relation" TEXT NULL,
    "reason" INTEGER NULL,
    "triage_answers" TEXT NULL,
    "priority" INTEGER NULL,
    "outcome" INTEGER NULL,
    "outcome_note" TEXT NULL,
    "incident_id" INTEGER NULL,
    "joined_incident" INTEGER NOT NULL,
    "ended_at" INTEGER NULL,
    "ended_by" TEXT NULL,
    "region_code" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_emergency_call_answered" CHECK (status = 1 OR (answered_at IS NOT NULL AND answered_by IS NOT NULL)),
    CONSTRAINT "ck_emergency_call_ended" CHECK ((status = 3) = (ended_at IS NOT NULL AND ended_by IS NOT NULL AND outcome IS NOT NULL)),
    CONSTRAINT "ck_emergency_call_incident" CHECK ((outcome = 1) = (incident_id IS NOT NULL)),
    CONSTRAINT "ck_emergency_call_match" CHECK ((elder_id IS NULL) = (matched_as IS NULL)),
    CONSTRAINT "ck_emergency_call_outcome" CHECK (outcome IS NULL OR outcome IN (1, 2, 3, 4, 9)),
    CONSTRAINT "ck_emergency_call_priority" CHECK (priority IS NULL OR priority BETWEEN 1 AND 3),
    CONSTRAINT "ck_emergency_call_reason" CHECK (reason IS NULL OR reason IN (1, 2, 3, 4, 5, 9)),
    CONSTRAINT "ck_emergency_call_status" CHECK (status BETWEEN 1 AND 3),
    CONSTRAINT "FK_emergency_call_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_emergency_call_emergency_incident_incident_id" FOREIGN KEY ("incident_id") REFERENCES "emergency_incident" ("id") ON DELETE RESTRICT
);
CREATE INDEX "IX_emergency_call_caller_hash" ON "emergency_call" ("caller_hash");
CREATE INDEX "IX_emergency_call_elder_id_received_at" ON "emergency_call" ("elder_id", "received_at");
CREATE INDEX "IX_emergency_call_incident_id" ON "emergency_call" ("incident_id");
CREATE INDEX "ix_emergency_call_open" ON "emergency_call" ("status", "received_at");
CREATE INDEX "IX_emergency_caller_elder_id" ON "emergency_caller" ("elder_id");
CREATE UNIQUE INDEX "ux_emergency_caller_phone" ON "emergency_caller" ("phone_hash", "elder_id");
