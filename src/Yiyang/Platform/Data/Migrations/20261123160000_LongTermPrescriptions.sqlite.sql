-- Yiyang migration 20261123160000_LongTermPrescriptions (SQLite). Falls (跌倒事件) and long-term prescriptions (长期处方) with their items and dispensings. Generated from the model, then frozen.
CREATE TABLE "elders_fall" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_elders_fall" PRIMARY KEY AUTOINCREMENT,
    "elder_id" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "occurred_at" INTEGER NOT NULL,
    "occurred_on" TEXT NOT NULL,
    "place" TEXT NOT NULL,
    "injury" TEXT NOT NULL,
    "hospital_visit" INTEGER NOT NULL,
    "note" TEXT NULL,
    "home_visit_id" INTEGER NULL,
    "stay_id" INTEGER NULL,
    "organization_id" INTEGER NULL,
    "recorded_by" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_elders_fall_injury" CHECK (injury IN ('none', 'minor', 'severe')),
    CONSTRAINT "ck_elders_fall_one_link" CHECK (home_visit_id IS NULL OR stay_id IS NULL),
    CONSTRAINT "ck_elders_fall_place" CHECK (place IN ('home', 'institution', 'outdoor', 'other')),
    CONSTRAINT "ck_elders_fall_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_elders_fall_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_elders_fall_homecare_visit_home_visit_id" FOREIGN KEY ("home_visit_id") REFERENCES "homecare_visit" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_elders_fall_institutions_stay_stay_id" FOREIGN KEY ("stay_id") REFERENCES "institutions_stay" ("id") ON DELETE RESTRICT
);
CREATE INDEX "IX_elders_fall_elder_id_occurred_on" ON "elders_fall" ("elder_id", "occurred_on");
CREATE INDEX "IX_elders_fall_home_visit_id" ON "elders_fall" ("home_visit_id");
CREATE INDEX "IX_elders_fall_stay_id" ON "elders_fall" ("stay_id");
