-- Yiyang migration 20261206070000_RecordsFollowElder (SQLite). The yearly health-management records carry the region the
-- elder lives in now (see the PostgreSQL script). SQLite cannot add a foreign key to an existing table, so triggers
-- keep the same rule: a move updates the records, and a record written with another region than its elder's is refused.
UPDATE "healthmgmt_check" SET "township_code" = (SELECT e."township_code" FROM "elders_elder" e WHERE e."id" = "healthmgmt_check"."elder_id"),
    "county_code" = (SELECT e."county_code" FROM "elders_elder" e WHERE e."id" = "healthmgmt_check"."elder_id")
WHERE EXISTS (SELECT 1 FROM "elders_elder" e WHERE e."id" = "healthmgmt_check"."elder_id"
    AND (e."township_code" <> "healthmgmt_check"."township_code" OR e."county_code" <> "healthmgmt_check"."county_code"));
UPDATE "healthmgmt_tcm" SET "township_code" = (SELECT e."township_code" FROM "elders_elder" e WHERE e."id" = "healthmgmt_tcm"."elder_id"),
    "county_code" = (SELECT e."county_code" FROM "elders_elder" e WHERE e."id" = "healthmgmt_tcm"."elder_id")
WHERE EXISTS (SELECT 1 FROM "elders_elder" e WHERE e."id" = "healthmgmt_tcm"."elder_id"
    AND (e."township_code" <> "healthmgmt_tcm"."township_code" OR e."county_code" <> "healthmgmt_tcm"."county_code"));

CREATE UNIQUE INDEX "ux_elders_elder_id_region" ON "elders_elder" ("id", "county_code", "township_code");

CREATE TRIGGER "trg_elders_elder_region_follow" AFTER UPDATE OF "county_code", "township_code" ON "elders_elder"
WHEN NEW."county_code" <> OLD."county_code" OR NEW."township_code" <> OLD."township_code"
BEGIN
    UPDATE "healthmgmt_check" SET "county_code" = NEW."county_code", "township_code" = NEW."township_code" WHERE "elder_id" = NEW."id";
    UPDATE "healthmgmt_tcm" SET "county_code" = NEW."county_code", "township_code" = NEW."township_code" WHERE "elder_id" = NEW."id";
END;

CREATE TRIGGER "trg_healthmgmt_check_region_insert" BEFORE INSERT ON "healthmgmt_check"
WHEN NOT EXISTS (SELECT 1 FROM "elders_elder" e WHERE e."id" = NEW."elder_id" AND e."county_code" = NEW."county_code" AND e."township_code" = NEW."township_code")
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: fk_healthmgmt_check_elder_region');
END;
CREATE TRIGGER "trg_healthmgmt_check_region_update" BEFORE UPDATE OF "elder_id", "county_code", "township_code" ON "healthmgmt_check"
WHEN NOT EXISTS (SELECT 1 FROM "elders_elder" e WHERE e."id" = NEW."elder_id" AND e."county_code" = NEW."county_code" AND e."township_code" = NEW."township_code")
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: fk_healthmgmt_check_elder_region');
END;
CREATE TRIGGER "trg_healthmgmt_tcm_region_insert" BEFORE INSERT ON "healthmgmt_tcm"
WHEN NOT EXISTS (SELECT 1 FROM "elders_elder" e WHERE e."id" = NEW."elder_id" AND e."county_code" = NEW."county_code" AND e."township_code" = NEW."township_code")
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: fk_healthmgmt_tcm_elder_region');
END;
CREATE TRIGGER "trg_healthmgmt_tcm_region_update" BEFORE UPDATE OF "elder_id", "county_code", "township_code" ON "healthmgmt_tcm"
WHEN NOT EXISTS (SELECT 1 FROM "elders_elder" e WHERE e."id" = NEW."elder_id" AND e."county_code" = NEW."county_code" AND e."township_code" = NEW."township_code")
BEGIN
    SELECT RAISE(ABORT, 'FOREIGN KEY constraint failed: fk_healthmgmt_tcm_elder_region');
END;

DROP INDEX IF EXISTS "IX_healthmgmt_check_township_code_year_complete";
DROP INDEX IF EXISTS "IX_healthmgmt_tcm_township_code_year_complete";
CREATE INDEX "ix_healthmgmt_check_county_year_newest" ON "healthmgmt_check" ("county_code", "year", "checked_on" DESC, "id");
CREATE INDEX "ix_healthmgmt_check_township_year_newest" ON "healthmgmt_check" ("township_code", "year", "checked_on" DESC, "id");
CREATE INDEX "ix_healthmgmt_tcm_county_year_newest" ON "healthmgmt_tcm" ("county_code", "year", "assessed_on" DESC, "id");
CREATE INDEX "ix_healthmgmt_tcm_township_year_newest" ON "healthmgmt_tcm" ("township_code", "year", "assessed_on" DESC, "id");
