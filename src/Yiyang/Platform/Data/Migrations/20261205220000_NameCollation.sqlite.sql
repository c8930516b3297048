-- SQLite already compares text byte-wise (BINARY) and uses (county_code, name) for prefix search: nothing to change.
SELECT 1;
