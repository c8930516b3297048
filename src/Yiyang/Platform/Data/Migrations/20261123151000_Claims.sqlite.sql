-- Yiyang migration 20261123151000_Claims (SQLite). Coverage periods with one slot per exclusion group (triggers refuse overlapping slots of one elder in one group), monthly bed-day claims with their lines (one per institution, payer, month), daily rates by care grade (documented defaults). Generated from the model, then frozen.
CREATE TABLE "claims_daily_rate" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_claims_daily_rate" PRIMARY KEY AUTOINCREMENT,
    "instrument_code" TEXT NOT NULL,
    "grade_code" INTEGER NOT NULL,
    "rate" TEXT NOT NULL,
    CONSTRAINT "ck_claims_daily_rate_rate" CHECK (rate >= 0)
);
CREATE TABLE "claims_claim" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_claims_claim" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "payer_class" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "status" INTEGER NOT NULL,
    "bed_days" INTEGER NOT NULL,
    "amount" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "submitted_at" INTEGER NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_claims_claim_class" CHECK (payer_class IN (1, 2, 3, 4, 5, 6)),
    CONSTRAINT "ck_claims_claim_status" CHECK (status IN (1, 2)),
    CONSTRAINT "FK_claims_claim_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);
CREATE TABLE "claims_claim_line" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_claims_claim_line" PRIMARY KEY AUTOINCREMENT,
    "claim_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "bed_days" INTEGER NOT NULL,
    "assessment_id" INTEGER NULL,
    "instrument_code" TEXT NULL,
    "grade_code" INTEGER NULL,
    "grade_name" TEXT NULL,
    "daily_rate" TEXT NULL,
    "amount" TEXT NOT NULL,
    "excluded_reason" TEXT NULL,
    CONSTRAINT "ck_claims_claim_line_excluded" CHECK ((excluded_reason IS NULL AND assessment_id IS NOT NULL AND daily_rate IS NOT NULL AND bed_days > 0) OR excluded_reason IS NOT NULL),
    CONSTRAINT "FK_claims_claim_line_claims_claim_claim_id" FOREIGN KEY ("claim_id") REFERENCES "claims_claim" ("id") ON DELETE CASCADE,
    CONSTRAINT "FK_claims_claim_line_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT
);
CREATE TABLE "claims_coverage_period" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_claims_coverage_period" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "organization_id" INTEGER NOT NULL,
    "payer_class" INTEGER NOT NULL,
    "start_on" TEXT NOT NULL,
    "end_on" TEXT NULL,
    "note" TEXT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_claims_coverage_period_class" CHECK (payer_class IN (1, 2, 3, 4, 5, 6)),
    CONSTRAINT "ck_claims_coverage_period_dates" CHECK (end_on IS NULL OR end_on >= start_on),
    CONSTRAINT "FK_claims_coverage_period_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_claims_coverage_period_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);
CREATE TABLE "claims_coverage_slot" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_claims_coverage_slot" PRIMARY KEY AUTOINCREMENT,
    "period_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "exclusion_group" INTEGER NOT NULL,
    "start_on" TEXT NOT NULL,
    "end_on" TEXT NULL,
    CONSTRAINT "ck_claims_coverage_slot_dates" CHECK (end_on IS NULL OR end_on >= start_on),
    CONSTRAINT "ck_claims_coverage_slot_group" CHECK (exclusion_group IN (1, 2, 3)),
    CONSTRAINT "FK_claims_coverage_slot_claims_coverage_period_period_id" FOREIGN KEY ("period_id") REFERENCES "claims_coverage_period" ("id") ON DELETE CASCADE
);
CREATE UNIQUE INDEX "ux_claims_claim_org_payer_month" ON "claims_claim" ("organization_id", "payer_class", "month");
CREATE UNIQUE INDEX "IX_claims_claim_line_claim_id_elder_id" ON "claims_claim_line" ("claim_id", "elder_id");
CREATE INDEX "IX_claims_claim_line_elder_id" ON "claims_claim_line" ("elder_id");
CREATE INDEX "IX_claims_coverage_period_elder_id_start_on" ON "claims_coverage_period" ("elder_id", "start_on");
CREATE INDEX "IX_claims_coverage_period_organization_id" ON "claims_coverage_period" ("organization_id");
CREATE INDEX "IX_claims_coverage_slot_elder_id_exclusion_group" ON "claims_coverage_slot" ("elder_id", "exclusion_group");
CREATE UNIQUE INDEX "IX_claims_coverage_slot_period_id_exclusion_group" ON "claims_coverage_slot" ("period_id", "exclusion_group");
CREATE UNIQUE INDEX "IX_claims_daily_rate_instrument_code_grade_code" ON "claims_daily_rate" ("instrument_code", "grade_code");

CREATE TRIGGER "tr_claims_coverage_slot_overlap_insert" BEFORE INSERT ON "claims_coverage_slot"
WHEN EXISTS (SELECT 1 FROM "claims_coverage_slot" s
             WHERE s.elder_id = NEW.elder_id AND s.exclusion_group = NEW.exclusion_group
               AND s.start_on <= COALESCE(NEW.end_on, '9999-12-31') AND NEW.start_on <= COALESCE(s.end_on, '9999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'claims_coverage_overlap');
END;

CREATE TRIGGER "tr_claims_coverage_slot_overlap_update" BEFORE UPDATE OF elder_id, exclusion_group, start_on, end_on ON "claims_coverage_slot"
WHEN EXISTS (SELECT 1 FROM "claims_coverage_slot" s
             WHERE s.id <> NEW.id AND s.elder_id = NEW.elder_id AND s.exclusion_group = NEW.exclusion_group
               AND s.start_on <= COALESCE(NEW.end_on, '9999-12-31') AND NEW.start_on <= COALESCE(s.end_on, '9999-12-31'))
BEGIN
    SELECT RAISE(ABORT, 'claims_coverage_overlap');
END;

INSERT INTO "claims_daily_rate" ("instrument_code", "grade_code", "rate") VALUES
    ('ltc-2021', 1, '20.0'), ('ltc-2021', 2, '40.0'), ('ltc-2021', 3, '60.0'), ('ltc-2021', 4, '80.0'), ('ltc-2021', 5, '100.0'),
    ('gbt42195-2022', 1, '20.0'), ('gbt42195-2022', 2, '40.0'), ('gbt42195-2022', 3, '70.0'), ('gbt42195-2022', 4, '100.0');
