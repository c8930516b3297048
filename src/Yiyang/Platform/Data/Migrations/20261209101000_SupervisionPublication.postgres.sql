-- Yiyang migration 20261209101000_SupervisionPublication (PostgreSQL). The publication (公示) of finished inspections'
-- results, once each, with the due date and the late flag (docs/domain/supervision.md#publication).
CREATE TABLE supervision_publication (
    inspection_id bigint NOT NULL,
    published_on date NOT NULL,
    due_on date NOT NULL,
    late boolean NOT NULL,
    region_code character varying(12) NOT NULL,
    published_by_user character varying(64) NOT NULL,
    published_at timestamp with time zone NOT NULL,
    CONSTRAINT "PK_supervision_publication" PRIMARY KEY (inspection_id),
    CONSTRAINT ck_supervision_publication_late CHECK (late = (published_on > due_on)),
    CONSTRAINT "FK_supervision_publication_supervision_inspection_inspection_id" FOREIGN KEY (inspection_id) REFERENCES supervision_inspection (id) ON DELETE RESTRICT
);
