-- Yiyang migration 20261207120000_AuditOutbox (SQLite). A change's audit entry is written in the change's own
-- transaction, into this table; the chain writer moves it into platform_audit_entry (docs/adr/0011).
CREATE TABLE "platform_audit_outbox" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_platform_audit_outbox" PRIMARY KEY AUTOINCREMENT,
    "at" INTEGER NOT NULL,
    "user_id" INTEGER NULL,
    "user_name" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "subject_type" TEXT NOT NULL,
    "subject_id" TEXT NULL,
    "elder_id" INTEGER NULL,
    "detail" TEXT NULL,
    "remote_ip" TEXT NULL
);
