-- Yiyang migration 20261208101000_SupervisionDraws (SQLite). 双随机 supervision: inspectors' certificates, conflicts of
-- interest (an inspector and an organization once), inspection plans (ratio, kinds, region, bureaus), draws (seed,
-- operator, snapshots of both lists and the conflicts, result hash; one per plan and sequence, a redraw carries a
-- reason) and the drawn assignments (docs/domain/supervision.md).
CREATE TABLE "supervision_plan" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_plan" PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "lead_bureau" TEXT NOT NULL,
    "bureaus" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "ratio_basis_points" INTEGER NOT NULL,
    "organization_kinds" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "inspectors_per_entity" INTEGER NOT NULL,
    "entity_count" INTEGER NOT NULL,
    "sample_size" INTEGER NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_plan_inspectors" CHECK (inspectors_per_entity BETWEEN 2 AND 10),
    CONSTRAINT "ck_supervision_plan_ratio" CHECK (ratio_basis_points BETWEEN 1 AND 10000),
    CONSTRAINT "ck_supervision_plan_sample" CHECK (sample_size BETWEEN 0 AND entity_count),
    CONSTRAINT "ck_supervision_plan_year" CHECK (year BETWEEN 2000 AND 2100)
);

CREATE TABLE "supervision_draw" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_draw" PRIMARY KEY AUTOINCREMENT,
    "plan_id" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "algorithm" TEXT NOT NULL,
    "drawn_by_user" TEXT NOT NULL,
    "drawn_at" INTEGER NOT NULL,
    "redraw_reason" TEXT NULL,
    "ratio_basis_points" INTEGER NOT NULL,
    "inspectors_per_entity" INTEGER NOT NULL,
    "entity_count" INTEGER NOT NULL,
    "inspector_count" INTEGER NOT NULL,
    "sample_size" INTEGER NOT NULL,
    "entity_list_json" TEXT NOT NULL,
    "inspector_list_json" TEXT NOT NULL,
    "conflicts_json" TEXT NOT NULL,
    "withdrawals_json" TEXT NOT NULL,
    "result_sha256" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    CONSTRAINT "ck_supervision_draw_redraw" CHECK ((sequence = 1) = (redraw_reason IS NULL)),
    CONSTRAINT "ck_supervision_draw_sample" CHECK (sample_size BETWEEN 0 AND entity_count),
    CONSTRAINT "ck_supervision_draw_sequence" CHECK (sequence >= 1),
    CONSTRAINT "FK_supervision_draw_supervision_plan_plan_id" FOREIGN KEY ("plan_id") REFERENCES "supervision_plan" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_inspector" (
    "user_id" INTEGER NOT NULL CONSTRAINT "PK_supervision_inspector" PRIMARY KEY,
    "certificate_no" TEXT NOT NULL,
    "valid_from" TEXT NOT NULL,
    "valid_until" TEXT NOT NULL,
    "bureau" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "updated_by_user" TEXT NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_inspector_validity" CHECK (valid_until >= valid_from),
    CONSTRAINT "FK_supervision_inspector_accounts_user_user_id" FOREIGN KEY ("user_id") REFERENCES "accounts_user" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_conflict" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_conflict" PRIMARY KEY AUTOINCREMENT,
    "inspector_user_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "region_code" TEXT NOT NULL,
    "recorded_by_user" TEXT NOT NULL,
    "recorded_at" INTEGER NOT NULL,
    CONSTRAINT "FK_supervision_conflict_accounts_user_inspector_user_id" FOREIGN KEY ("inspector_user_id") REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_conflict_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "supervision_assignment" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_supervision_assignment" PRIMARY KEY AUTOINCREMENT,
    "draw_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "inspector_user_id" INTEGER NOT NULL,
    "inspector_position" INTEGER NOT NULL,
    CONSTRAINT "ck_supervision_assignment_position" CHECK (position >= 1 AND inspector_position >= 1),
    CONSTRAINT "FK_supervision_assignment_accounts_user_inspector_user_id" FOREIGN KEY ("inspector_user_id") REFERENCES "accounts_user" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_assignment_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_supervision_assignment_supervision_draw_draw_id" FOREIGN KEY ("draw_id") REFERENCES "supervision_draw" ("id") ON DELETE CASCADE
);

CREATE INDEX "IX_supervision_assignment_inspector_user_id" ON "supervision_assignment" ("inspector_user_id");
CREATE INDEX "IX_supervision_assignment_organization_id" ON "supervision_assignment" ("organization_id");
CREATE UNIQUE INDEX "ux_supervision_assignment" ON "supervision_assignment" ("draw_id", "organization_id", "inspector_user_id");
CREATE INDEX "IX_supervision_conflict_organization_id" ON "supervision_conflict" ("organization_id");
CREATE UNIQUE INDEX "ux_supervision_conflict_pair" ON "supervision_conflict" ("inspector_user_id", "organization_id");
CREATE UNIQUE INDEX "ux_supervision_draw_sequence" ON "supervision_draw" ("plan_id", "sequence");
CREATE UNIQUE INDEX "ux_supervision_inspector_certificate" ON "supervision_inspector" ("certificate_no");
CREATE INDEX "IX_supervision_plan_region_code_year" ON "supervision_plan" ("region_code", "year");
