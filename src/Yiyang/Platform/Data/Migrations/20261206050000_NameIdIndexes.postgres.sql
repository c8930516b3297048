-- lists of elders page by (name, id): with id as the last key column a page is the next 20 index entries, also where a
-- common full name (周桂英) has hundreds of namesakes in a district of the 3M city, which the (…, name) indexes had to
-- read and sort on every page (27 ms → 0.2 ms for that page; docs/adr/0006-name-search-collation.md, addendum)
DROP INDEX IF EXISTS "IX_elders_elder_township_code_name";
DROP INDEX IF EXISTS "IX_elders_elder_county_code_name";
DROP INDEX IF EXISTS "IX_elders_elder_name";
CREATE INDEX "IX_elders_elder_township_code_name_id" ON elders_elder (township_code, name, id);
CREATE INDEX "IX_elders_elder_county_code_name_id" ON elders_elder (county_code, name, id);
CREATE INDEX "IX_elders_elder_name_id" ON elders_elder (name, id);
