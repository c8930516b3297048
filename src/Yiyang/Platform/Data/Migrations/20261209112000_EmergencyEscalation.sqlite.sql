-- Yiyang migration 20261209112000_EmergencyEscalation (SQLite). Escalations of incidents not acknowledged in time (level 1: a second operator,
-- level 2: the shift supervisor) and of tasks not accepted in time, each recorded once (partial unique indexes).
CREATE TABLE "emergency_escalation" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_escalation" PRIMARY KEY AUTOINCREMENT,
    "incident_id" INTEGER NOT NULL,
    "dispatch_id" INTEGER NULL,
    "kind" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "at" INTEGER NOT NULL,
    "limit_seconds" INTEGER NOT NULL,
    "county_code" TEXT NOT NULL,
    CONSTRAINT "ck_emergency_escalation_kind" CHECK ((kind = 1 AND dispatch_id IS NULL AND level IN (1, 2)) OR (kind = 2 AND dispatch_id IS NOT NULL AND level = 1)),
    CONSTRAINT "ck_emergency_escalation_limit" CHECK (limit_seconds > 0),
    CONSTRAINT "FK_emergency_escalation_emergency_dispatch_dispatch_id" FOREIGN KEY ("dispatch_id") REFERENCES "emergency_dispatch" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_emergency_escalation_emergency_incident_incident_id" FOREIGN KEY ("incident_id") REFERENCES "emergency_incident" ("id") ON DELETE RESTRICT
);
CREATE INDEX "IX_emergency_escalation_at" ON "emergency_escalation" ("at");
CREATE UNIQUE INDEX "ux_emergency_escalation_dispatch" ON "emergency_escalation" ("dispatch_id") WHERE kind = 2;
CREATE UNIQUE INDEX "ux_emergency_escalation_incident" ON "emergency_escalation" ("incident_id", "level") WHERE kind = 1;
