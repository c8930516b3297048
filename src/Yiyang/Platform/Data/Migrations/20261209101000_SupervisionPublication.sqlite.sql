-- Yiyang migration 20261209101000_SupervisionPublication (SQLite). The publication (公示) of finished inspections'
-- results, once each, with the due date and the late flag (docs/domain/supervision.md#publication).
CREATE TABLE "supervision_publication" (
    "inspection_id" INTEGER NOT NULL CONSTRAINT "PK_supervision_publication" PRIMARY KEY,
    "published_on" TEXT NOT NULL,
    "due_on" TEXT NOT NULL,
    "late" INTEGER NOT NULL,
    "region_code" TEXT NOT NULL,
    "published_by_user" TEXT NOT NULL,
    "published_at" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_publication_late" CHECK (late = (published_on > due_on)),
    CONSTRAINT "FK_supervision_publication_supervision_inspection_inspection_id" FOREIGN KEY ("inspection_id") REFERENCES "supervision_inspection" ("id") ON DELETE RESTRICT
);
