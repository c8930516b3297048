-- name-prefix search: byte-wise collation so that (county_code, name), (township_code, name) and (name) serve both
-- `name LIKE '周慧%'` and `ORDER BY name, id` (whatever the database's default collation is); the pattern_ops
-- indexes become redundant. Rebuilds the three indexes on name; the table itself is not rewritten.
ALTER TABLE elders_elder ALTER COLUMN name TYPE character varying(50) COLLATE "C";
DROP INDEX IF EXISTS ix_elders_elder_county_name_pattern;
DROP INDEX IF EXISTS ix_elders_elder_name_pattern;
