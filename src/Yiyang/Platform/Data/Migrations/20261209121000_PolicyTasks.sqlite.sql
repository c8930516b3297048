-- Yiyang migration 20261209121000_PolicyTasks (SQLite). Policy task tables with milestones, linked indicators and progress reports.
CREATE TABLE "targets_policy_task" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_targets_policy_task" PRIMARY KEY AUTOINCREMENT,
    "region_code" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "seed_reference" TEXT NOT NULL,
    "lead_bureau" TEXT NOT NULL,
    "units" TEXT NOT NULL,
    "deadline" TEXT NULL,
    "report_every_months" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_targets_policy_task_number" CHECK (number >= 1),
    CONSTRAINT "ck_targets_policy_task_report_every" CHECK (report_every_months BETWEEN 1 AND 12)
);

CREATE TABLE "targets_policy_task_milestone" (
    "task_id" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "PK_targets_policy_task_milestone" PRIMARY KEY ("task_id", "year"),
    CONSTRAINT "ck_targets_policy_task_milestone_year" CHECK (year BETWEEN 2000 AND 2100),
    CONSTRAINT "FK_targets_policy_task_milestone_targets_policy_task_task_id" FOREIGN KEY ("task_id") REFERENCES "targets_policy_task" ("id") ON DELETE CASCADE
);

CREATE TABLE "targets_policy_task_indicator" (
    "task_id" INTEGER NOT NULL,
    "indicator_code" TEXT NOT NULL,
    CONSTRAINT "PK_targets_policy_task_indicator" PRIMARY KEY ("task_id", "indicator_code"),
    CONSTRAINT "FK_targets_policy_task_indicator_targets_policy_task_task_id" FOREIGN KEY ("task_id") REFERENCES "targets_policy_task" ("id") ON DELETE CASCADE
);

CREATE TABLE "targets_policy_task_report" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_targets_policy_task_report" PRIMARY KEY AUTOINCREMENT,
    "task_id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "done" INTEGER NOT NULL,
    "filed_by_user" TEXT NOT NULL,
    "filed_at" INTEGER NOT NULL,
    CONSTRAINT "FK_targets_policy_task_report_targets_policy_task_task_id" FOREIGN KEY ("task_id") REFERENCES "targets_policy_task" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "IX_targets_policy_task_region_code_number" ON "targets_policy_task" ("region_code", "number");
CREATE INDEX "IX_targets_policy_task_report_task_id_filed_at" ON "targets_policy_task_report" ("task_id", "filed_at");
