-- Yiyang migration 20261210300000_EmergencyConsoleEvents (SQLite). The operators' console stream: every change to an
-- incident, escalation, task or call writes one event row in the same transaction (triggers), read by every node.
CREATE TABLE "emergency_event" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_emergency_event" PRIMARY KEY AUTOINCREMENT,
    "incident_id" INTEGER NULL,
    "call_id" INTEGER NULL,
    "change" TEXT NOT NULL,
    "priority" INTEGER NULL,
    "at" INTEGER NOT NULL,
    CONSTRAINT "ck_emergency_event_change" CHECK (change IN ('opened', 'updated', 'raised', 'escalated', 'dispatch', 'ringing', 'call')),
    CONSTRAINT "ck_emergency_event_subject" CHECK ((incident_id IS NULL) <> (call_id IS NULL))
);
CREATE INDEX "IX_emergency_event_at" ON "emergency_event" ("at");

CREATE TRIGGER "tr_emergency_event_incident_opened" AFTER INSERT ON "emergency_incident"
BEGIN
    INSERT INTO "emergency_event" ("incident_id", "change", "priority", "at") VALUES (NEW.id, 'opened', NEW.priority, NEW.updated_at);
END;

CREATE TRIGGER "tr_emergency_event_incident_changed" AFTER UPDATE ON "emergency_incident"
WHEN NEW.version <> OLD.version OR NEW.status <> OLD.status
BEGIN
    INSERT INTO "emergency_event" ("incident_id", "change", "priority", "at")
    VALUES (NEW.id, CASE WHEN NEW.priority < OLD.priority THEN 'raised' ELSE 'updated' END, NEW.priority, NEW.updated_at);
END;

CREATE TRIGGER "tr_emergency_event_escalation" AFTER INSERT ON "emergency_escalation"
BEGIN
    INSERT INTO "emergency_event" ("incident_id", "change", "priority", "at") VALUES (NEW.incident_id, 'escalated', NULL, NEW.at);
END;

CREATE TRIGGER "tr_emergency_event_dispatch_sent" AFTER INSERT ON "emergency_dispatch"
BEGIN
    INSERT INTO "emergency_event" ("incident_id", "change", "priority", "at") VALUES (NEW.incident_id, 'dispatch', NULL, NEW.dispatched_at);
END;

CREATE TRIGGER "tr_emergency_event_dispatch_changed" AFTER UPDATE ON "emergency_dispatch"
WHEN NEW.version <> OLD.version OR NEW.status <> OLD.status
BEGIN
    INSERT INTO "emergency_event" ("incident_id", "change", "priority", "at") VALUES (NEW.incident_id, 'dispatch', NULL, NEW.dispatched_at);
END;

CREATE TRIGGER "tr_emergency_event_call_ringing" AFTER INSERT ON "emergency_call"
BEGIN
    INSERT INTO "emergency_event" ("call_id", "change", "priority", "at") VALUES (NEW.id, CASE WHEN NEW.status = 1 THEN 'ringing' ELSE 'call' END, NEW.priority, NEW.received_at);
END;

CREATE TRIGGER "tr_emergency_event_call_changed" AFTER UPDATE ON "emergency_call"
WHEN NEW.version <> OLD.version OR NEW.status <> OLD.status
BEGIN
    INSERT INTO "emergency_event" ("call_id", "change", "priority", "at") VALUES (NEW.id, 'call', NEW.priority, NEW.updated_at);
END;
