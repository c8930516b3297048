-- Yiyang migration 20261209100000_SupervisionInspections (SQLite). On-site inspections of drawn organizations
-- (items copied from the checklists, results, the representative's signature, the result with its publication due date),
-- their photos and the 整改 findings with the organizations' evidence (docs/domain/supervision.md#on-site-inspection).
CREATE TABLE "supervision_inspection" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_inspection" PRIMARY KEY AUTOINCREMENT,
    "plan_id" INTEGER NOT NULL,
    "draw_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "region_code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "started_by_user" TEXT NOT NULL,
    "started_at" INTEGER NOT NULL,
    "representative_name" TEXT NULL,
    "signature_png" BLOB NULL,
    "signed_at" INTEGER NULL,
    "present_inspector_ids" TEXT NULL,
    "finished_by_user" TEXT NULL,
    "finished_at" INTEGER NULL,
    "finished_on" TEXT NULL,
    "publication_due_on" TEXT NULL,
    "outcome" TEXT NULL,
    "pass_count" INTEGER NOT NULL,
    "fail_count" INTEGER NOT NULL,
    "not_applicable_count" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_inspection_counts" CHECK (pass_count >= 0 AND fail_count >= 0 AND not_applicable_count >= 0),
    CONSTRAINT "ck_supervision_inspection_due" CHECK (publication_due_on IS NULL OR publication_due_on >= finished_on),
    CONSTRAINT "ck_supervision_inspection_finished" CHECK ((status = 'finished') = (finished_at IS NOT NULL AND finished_on IS NOT NULL AND publication_due_on IS NOT NULL AND outcome IS NOT NULL AND signature_png IS NOT NULL AND representative_name IS NOT NULL AND present_inspector_ids IS NOT NULL)),
    CONSTRAINT "ck_supervision_inspection_outcome" CHECK (outcome IS NULL OR outcome IN ('compliant', 'non-compliant')),
    CONSTRAINT "ck_supervision_inspection_status" CHECK (status IN ('draft', 'finished')),
    CONSTRAINT "FK_supervision_inspection_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_inspection_supervision_draw_draw_id" FOREIGN KEY ("draw_id") REFERENCES "supervision_draw" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_inspection_supervision_plan_plan_id" FOREIGN KEY ("plan_id") REFERENCES "supervision_plan" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_inspection_item" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_inspection_item" PRIMARY KEY AUTOINCREMENT,
    "inspection_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "checklist_id" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "result" TEXT NULL,
    "note" TEXT NULL,
    "recorded_by_user" TEXT NULL,
    "recorded_at" INTEGER NULL,
    CONSTRAINT "ck_supervision_inspection_item_position" CHECK (position >= 1),
    CONSTRAINT "ck_supervision_inspection_item_result" CHECK (result IS NULL OR result IN ('pass', 'fail', 'na')),
    CONSTRAINT "FK_supervision_inspection_item_supervision_checklist_checklist_id" FOREIGN KEY ("checklist_id") REFERENCES "supervision_checklist" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_inspection_item_supervision_inspection_inspection_id" FOREIGN KEY ("inspection_id") REFERENCES "supervision_inspection" ("id") ON DELETE CASCADE
);

CREATE TABLE "supervision_finding" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_finding" PRIMARY KEY AUTOINCREMENT,
    "inspection_id" INTEGER NOT NULL,
    "item_position" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "region_code" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "legal_basis" TEXT NOT NULL,
    "requirement" TEXT NOT NULL,
    "deadline_working_days" INTEGER NOT NULL,
    "issued_on" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "response_text" TEXT NULL,
    "responded_by_user" TEXT NULL,
    "responded_at" INTEGER NULL,
    "recheck_note" TEXT NULL,
    "rechecked_by_user" TEXT NULL,
    "rechecked_at" INTEGER NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_finding_deadline" CHECK (deadline_working_days BETWEEN 1 AND 365 AND due_on > issued_on),
    CONSTRAINT "ck_supervision_finding_recheck" CHECK ((status IN ('closed', 'escalated')) = (rechecked_at IS NOT NULL)),
    CONSTRAINT "ck_supervision_finding_response" CHECK (status NOT IN ('answered', 'closed') OR responded_at IS NOT NULL),
    CONSTRAINT "ck_supervision_finding_severity" CHECK (severity IN ('minor', 'moderate', 'serious')),
    CONSTRAINT "ck_supervision_finding_status" CHECK (status IN ('open', 'answered', 'closed', 'escalated')),
    CONSTRAINT "FK_supervision_finding_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_finding_supervision_inspection_inspection_id" FOREIGN KEY ("inspection_id") REFERENCES "supervision_inspection" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_file" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_file" PRIMARY KEY AUTOINCREMENT,
    "inspection_id" INTEGER NOT NULL,
    "finding_id" INTEGER NULL,
    "item_position" INTEGER NULL,
    "kind" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "region_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_file_kind" CHECK ((kind = 'photo' AND finding_id IS NULL) OR (kind = 'evidence' AND finding_id IS NOT NULL)),
    CONSTRAINT "ck_supervision_file_size" CHECK (size_bytes BETWEEN 1 AND 1000000 AND length(content) = size_bytes),
    CONSTRAINT "FK_supervision_file_supervision_finding_finding_id" FOREIGN KEY ("finding_id") REFERENCES "supervision_finding" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_file_supervision_inspection_inspection_id" FOREIGN KEY ("inspection_id") REFERENCES "supervision_inspection" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_supervision_file_finding_id" ON "supervision_file" ("finding_id");

CREATE INDEX "IX_supervision_file_inspection_id" ON "supervision_file" ("inspection_id");

CREATE INDEX "IX_supervision_finding_organization_id" ON "supervision_finding" ("organization_id");

CREATE INDEX "IX_supervision_finding_status_due_on" ON "supervision_finding" ("status", "due_on");

CREATE UNIQUE INDEX "ux_supervision_finding_item" ON "supervision_finding" ("inspection_id", "item_position");

CREATE INDEX "IX_supervision_inspection_organization_id_status" ON "supervision_inspection" ("organization_id", "status");

CREATE INDEX "IX_supervision_inspection_plan_id" ON "supervision_inspection" ("plan_id");

CREATE UNIQUE INDEX "ux_supervision_inspection_entity" ON "supervision_inspection" ("draw_id", "organization_id");

CREATE INDEX "IX_supervision_inspection_item_checklist_id" ON "supervision_inspection_item" ("checklist_id");

CREATE UNIQUE INDEX "ux_supervision_inspection_item_position" ON "supervision_inspection_item" ("inspection_id", "position");

-- a finished inspection and its items never change (the database refuses it too)
CREATE TRIGGER "tr_supervision_inspection_finished" BEFORE UPDATE ON "supervision_inspection"
WHEN OLD.status = 'finished'
BEGIN
    SELECT RAISE(ABORT, 'supervision_inspection_finished');
END;

CREATE TRIGGER "tr_supervision_inspection_item_finished" BEFORE UPDATE ON "supervision_inspection_item"
WHEN (SELECT status FROM "supervision_inspection" WHERE id = OLD.inspection_id) = 'finished'
BEGIN
    SELECT RAISE(ABORT, 'supervision_inspection_finished');
END;
