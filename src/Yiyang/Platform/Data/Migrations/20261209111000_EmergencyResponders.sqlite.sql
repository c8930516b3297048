-- Yiyang migration 20261209111000_EmergencyResponders (SQLite). A dispatch names the responding organization (the
-- family-doctor team's or the care home's) whose staff get the task in their inbox and answer it (接单、到达、反馈);
-- dispatches recorded before are phone hand-offs (status 5). The checks are column constraints here (SQLite adds no
-- table constraint to an existing table); they hold the same rules as the model's.
ALTER TABLE "emergency_dispatch" ADD "status" INTEGER NOT NULL DEFAULT 5 CONSTRAINT "ck_emergency_dispatch_status" CHECK (status BETWEEN 1 AND 5);
ALTER TABLE "emergency_dispatch" ADD "responder_organization_id" INTEGER NULL
    CONSTRAINT "FK_emergency_dispatch_org_organization_responder_organization_id" REFERENCES "org_organization" ("id") ON DELETE RESTRICT
    CONSTRAINT "ck_emergency_dispatch_inbox" CHECK ((status = 5) = (responder_organization_id IS NULL));
ALTER TABLE "emergency_dispatch" ADD "accepted_at" INTEGER NULL;
ALTER TABLE "emergency_dispatch" ADD "accepted_by" TEXT NULL
    CONSTRAINT "ck_emergency_dispatch_accepted" CHECK (status NOT IN (2, 3, 4) OR (accepted_at IS NOT NULL AND accepted_by IS NOT NULL));
ALTER TABLE "emergency_dispatch" ADD "arrived_at" INTEGER NULL;
ALTER TABLE "emergency_dispatch" ADD "arrived_by" TEXT NULL
    CONSTRAINT "ck_emergency_dispatch_arrived" CHECK (status NOT IN (3, 4) OR (arrived_at IS NOT NULL AND arrived_by IS NOT NULL));
ALTER TABLE "emergency_dispatch" ADD "done_at" INTEGER NULL;
ALTER TABLE "emergency_dispatch" ADD "done_by" TEXT NULL
    CONSTRAINT "ck_emergency_dispatch_done" CHECK ((status = 4) = (done_at IS NOT NULL AND done_by IS NOT NULL));
ALTER TABLE "emergency_dispatch" ADD "result" TEXT NULL;
ALTER TABLE "emergency_dispatch" ADD "version" INTEGER NOT NULL DEFAULT 0;
CREATE INDEX "ix_emergency_dispatch_inbox" ON "emergency_dispatch" ("responder_organization_id", "status", "dispatched_at");
