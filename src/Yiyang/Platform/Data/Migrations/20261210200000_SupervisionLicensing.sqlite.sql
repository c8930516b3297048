-- Yiyang migration 20261210200000_SupervisionLicensing (SQLite). Licensing and registration applications with their
-- documents and working-day clock, and the licences issued (docs/domain/supervision.md#licensing).
CREATE TABLE "supervision_licence_application" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_licence_application" PRIMARY KEY AUTOINCREMENT,
    "kind" TEXT NOT NULL,
    "bureau" TEXT NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "region_code" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "note" TEXT NULL,
    "elder_care_beds" INTEGER NULL,
    "nursing_beds" INTEGER NULL,
    "medical_beds" INTEGER NULL,
    "on_behalf" INTEGER NOT NULL,
    "submitted_by_user" TEXT NOT NULL,
    "submitted_at" INTEGER NOT NULL,
    "submitted_on" TEXT NOT NULL,
    "time_limit_working_days" INTEGER NULL,
    "accepted_on" TEXT NULL,
    "accepted_by_user" TEXT NULL,
    "days_used" INTEGER NOT NULL,
    "clock_started_on" TEXT NULL,
    "deadline_on" TEXT NULL,
    "documents_request" TEXT NULL,
    "documents_requested_on" TEXT NULL,
    "document_requests" INTEGER NOT NULL,
    "decided_on" TEXT NULL,
    "decided_by_user" TEXT NULL,
    "decision_reason" TEXT NULL,
    "withdrawn_at" INTEGER NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_licence_application_accepted" CHECK ((status IN ('submitted', 'withdrawn') OR (accepted_on IS NOT NULL AND time_limit_working_days BETWEEN 1 AND 365)) AND (status <> 'submitted' OR accepted_on IS NULL) AND (accepted_on IS NULL OR accepted_on >= submitted_on)),
    CONSTRAINT "ck_supervision_licence_application_beds" CHECK ((elder_care_beds IS NULL OR elder_care_beds >= 0) AND (nursing_beds IS NULL OR nursing_beds >= 0) AND (medical_beds IS NULL OR medical_beds >= 0)),
    CONSTRAINT "ck_supervision_licence_application_bureau" CHECK (bureau IN ('health', 'civil-affairs')),
    CONSTRAINT "ck_supervision_licence_application_clock" CHECK ((clock_started_on IS NULL) = (deadline_on IS NULL) AND (status <> 'accepted' OR deadline_on IS NOT NULL)),
    CONSTRAINT "ck_supervision_licence_application_days_used" CHECK (days_used >= 0 AND document_requests >= 0),
    CONSTRAINT "ck_supervision_licence_application_decision" CHECK ((status IN ('approved', 'refused')) = (decided_on IS NOT NULL AND decided_by_user IS NOT NULL) AND (status <> 'refused' OR decision_reason IS NOT NULL)),
    CONSTRAINT "ck_supervision_licence_application_request" CHECK (status <> 'documents-requested' OR (documents_request IS NOT NULL AND documents_requested_on IS NOT NULL)),
    CONSTRAINT "ck_supervision_licence_application_status" CHECK (status IN ('submitted', 'accepted', 'documents-requested', 'approved', 'refused', 'withdrawn')),
    CONSTRAINT "ck_supervision_licence_application_withdrawn" CHECK ((status = 'withdrawn') = (withdrawn_at IS NOT NULL)),
    CONSTRAINT "FK_supervision_licence_application_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_licence" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_licence" PRIMARY KEY AUTOINCREMENT,
    "licence_no" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "bureau" TEXT NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "application_id" INTEGER NOT NULL,
    "region_code" TEXT NOT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_to" TEXT NOT NULL,
    "elder_care_beds" INTEGER NULL,
    "nursing_beds" INTEGER NULL,
    "medical_beds" INTEGER NULL,
    "issued_by_user" TEXT NOT NULL,
    "issued_at" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_licence_beds" CHECK ((elder_care_beds IS NULL OR elder_care_beds >= 0) AND (nursing_beds IS NULL OR nursing_beds >= 0) AND (medical_beds IS NULL OR medical_beds >= 0)),
    CONSTRAINT "ck_supervision_licence_validity" CHECK (valid_to > valid_from),
    CONSTRAINT "FK_supervision_licence_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_licence_supervision_licence_application_application_id" FOREIGN KEY ("application_id") REFERENCES "supervision_licence_application" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_licence_document" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_licence_document" PRIMARY KEY AUTOINCREMENT,
    "application_id" INTEGER NOT NULL,
    "document_type" TEXT NOT NULL,
    "file_name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size_bytes" INTEGER NOT NULL,
    "content" BLOB NOT NULL,
    "region_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_licence_document_size" CHECK (size_bytes BETWEEN 1 AND 1000000 AND length(content) = size_bytes),
    CONSTRAINT "FK_supervision_licence_document_supervision_licence_application_application_id" FOREIGN KEY ("application_id") REFERENCES "supervision_licence_application" ("id") ON DELETE RESTRICT
);

CREATE INDEX "IX_supervision_licence_organization_id_valid_to" ON "supervision_licence" ("organization_id", "valid_to");

CREATE INDEX "IX_supervision_licence_valid_to" ON "supervision_licence" ("valid_to");

CREATE UNIQUE INDEX "ux_supervision_licence_application" ON "supervision_licence" ("application_id");

CREATE UNIQUE INDEX "ux_supervision_licence_no" ON "supervision_licence" ("licence_no");

CREATE INDEX "IX_supervision_licence_application_bureau_status_deadline_on" ON "supervision_licence_application" ("bureau", "status", "deadline_on");

CREATE UNIQUE INDEX "ux_supervision_licence_application_open" ON "supervision_licence_application" ("organization_id", "kind") WHERE status IN ('submitted', 'accepted', 'documents-requested');

CREATE INDEX "IX_supervision_licence_document_application_id_document_type" ON "supervision_licence_document" ("application_id", "document_type");

-- the state machine: submitted → accepted ⇄ documents-requested → approved | refused; withdrawn before the decision;
-- a decided or withdrawn application never changes
CREATE TRIGGER "tr_supervision_licence_application_transition" BEFORE UPDATE ON "supervision_licence_application"
WHEN OLD.status IN ('approved', 'refused', 'withdrawn')
  OR (NEW.status <> OLD.status AND NOT (
       (OLD.status = 'submitted' AND NEW.status IN ('accepted', 'withdrawn'))
    OR (OLD.status = 'accepted' AND NEW.status IN ('documents-requested', 'approved', 'refused', 'withdrawn'))
    OR (OLD.status = 'documents-requested' AND NEW.status IN ('accepted', 'withdrawn'))))
BEGIN
    SELECT RAISE(ABORT, 'supervision_licence_application_transition');
END;
