-- Yiyang migration 20261206070000_RecordsFollowElder (PostgreSQL). Issue 6: the yearly health-management records carry
-- the region the elder lives in now, kept by the database, so that the indicator drill-through of a district or a
-- township reads that region's newest records from an index of its own (docs/adr/0008-records-follow-the-elder.md).
-- The indicators count an elder where the elder lives now; the records' region columns now say the same.

-- records of elders who moved before this migration take their elder's region
UPDATE healthmgmt_check c SET township_code = e.township_code, county_code = e.county_code
FROM elders_elder e WHERE e.id = c.elder_id AND (c.township_code <> e.township_code OR c.county_code <> e.county_code);
UPDATE healthmgmt_tcm t SET township_code = e.township_code, county_code = e.county_code
FROM elders_elder e WHERE e.id = t.elder_id AND (t.township_code <> e.township_code OR t.county_code <> e.county_code);

-- the elder's region as a key the records can reference; a move updates the records in the same statement (cascade),
-- and a record written with another region than its elder's is refused
CREATE UNIQUE INDEX ux_elders_elder_id_region ON elders_elder (id, county_code, township_code);
ALTER TABLE healthmgmt_check ADD CONSTRAINT fk_healthmgmt_check_elder_region FOREIGN KEY (elder_id, county_code, township_code)
    REFERENCES elders_elder (id, county_code, township_code) ON UPDATE CASCADE ON DELETE RESTRICT;
ALTER TABLE healthmgmt_tcm ADD CONSTRAINT fk_healthmgmt_tcm_elder_region FOREIGN KEY (elder_id, county_code, township_code)
    REFERENCES elders_elder (id, county_code, township_code) ON UPDATE CASCADE ON DELETE RESTRICT;

-- drill-through pages of a district or a township: that region's newest records of the year, in index order
DROP INDEX IF EXISTS "IX_healthmgmt_check_township_code_year_complete";
DROP INDEX IF EXISTS "IX_healthmgmt_tcm_township_code_year_complete";
CREATE INDEX ix_healthmgmt_check_county_year_newest ON healthmgmt_check (county_code, year, checked_on DESC, id);
CREATE INDEX ix_healthmgmt_check_township_year_newest ON healthmgmt_check (township_code, year, checked_on DESC, id);
CREATE INDEX ix_healthmgmt_tcm_county_year_newest ON healthmgmt_tcm (county_code, year, assessed_on DESC, id);
CREATE INDEX ix_healthmgmt_tcm_township_year_newest ON healthmgmt_tcm (township_code, year, assessed_on DESC, id);
