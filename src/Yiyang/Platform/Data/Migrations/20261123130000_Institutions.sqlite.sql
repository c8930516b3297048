-- Yiyang migration 20261123130000_Institutions (SQLite). Beds and residents' stays; one open stay per bed and per elder (partial unique indexes); generated from the model, then frozen.
CREATE TABLE "institutions_bed" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_institutions_bed" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "ward" TEXT NOT NULL,
    "room" TEXT NOT NULL,
    "number" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    CONSTRAINT "ck_institutions_bed_kind" CHECK (kind IN (1, 2, 3, 4)),
    CONSTRAINT "ck_institutions_bed_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_institutions_bed_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE TABLE "institutions_stay" (
    "id" INTEGER NOT NULL CONSTRAINT "PK_institutions_stay" PRIMARY KEY AUTOINCREMENT,
    "organization_id" INTEGER NOT NULL,
    "elder_id" INTEGER NOT NULL,
    "bed_id" INTEGER NOT NULL,
    "admitted_on" TEXT NOT NULL,
    "care_level" TEXT NULL,
    "discharged_on" TEXT NULL,
    "discharge_reason" INTEGER NULL,
    "township_code" TEXT NOT NULL,
    "county_code" TEXT NOT NULL,
    "created_by_user" TEXT NOT NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "version" INTEGER NOT NULL,
    CONSTRAINT "ck_institutions_stay_discharge" CHECK ((discharged_on IS NULL AND discharge_reason IS NULL) OR (discharged_on IS NOT NULL AND discharge_reason IN (1, 2, 3) AND discharged_on >= admitted_on)),
    CONSTRAINT "ck_institutions_stay_region" CHECK (county_code = substr(township_code, 1, 6)),
    CONSTRAINT "FK_institutions_stay_elders_elder_elder_id" FOREIGN KEY ("elder_id") REFERENCES "elders_elder" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_institutions_stay_institutions_bed_bed_id" FOREIGN KEY ("bed_id") REFERENCES "institutions_bed" ("id") ON DELETE RESTRICT,
    CONSTRAINT "FK_institutions_stay_org_organization_organization_id" FOREIGN KEY ("organization_id") REFERENCES "org_organization" ("id") ON DELETE RESTRICT
);

CREATE UNIQUE INDEX "ux_institutions_bed_place" ON "institutions_bed" ("organization_id", "ward", "room", "number");

CREATE INDEX "IX_institutions_stay_elder_id_admitted_on" ON "institutions_stay" ("elder_id", "admitted_on");

CREATE INDEX "IX_institutions_stay_organization_id_discharged_on" ON "institutions_stay" ("organization_id", "discharged_on");

CREATE UNIQUE INDEX "ux_institutions_stay_open_bed" ON "institutions_stay" ("bed_id") WHERE discharged_on IS NULL;

CREATE UNIQUE INDEX "ux_institutions_stay_open_elder" ON "institutions_stay" ("elder_id") WHERE discharged_on IS NULL;
