-- lists of elders page by (name, id): with id as the last key column a page is the next 20 index entries (see the
-- PostgreSQL script)
DROP INDEX IF EXISTS "IX_elders_elder_township_code_name";
DROP INDEX IF EXISTS "IX_elders_elder_county_code_name";
DROP INDEX IF EXISTS "IX_elders_elder_name";
CREATE INDEX "IX_elders_elder_township_code_name_id" ON "elders_elder" ("township_code", "name", "id");
CREATE INDEX "IX_elders_elder_county_code_name_id" ON "elders_elder" ("county_code", "name", "id");
CREATE INDEX "IX_elders_elder_name_id" ON "elders_elder" ("name", "id");
