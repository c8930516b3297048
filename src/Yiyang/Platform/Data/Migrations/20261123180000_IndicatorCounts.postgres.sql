-- Yiyang migration 20261123180000_IndicatorCounts (PostgreSQL). Indicator counts per township and year, refreshed in the background, and the drill-through indexes (newest records of a year first); generated from the model, then frozen.
CREATE TABLE healthmgmt_indicator_count (
    year integer NOT NULL,
    township_code character varying(12) NOT NULL,
    county_code character varying(6) NOT NULL,
    aged integer NOT NULL,
    checked integer NOT NULL,
    tcm integer NOT NULL,
    disabled integer NOT NULL,
    assessed integer NOT NULL,
    CONSTRAINT "PK_healthmgmt_indicator_count" PRIMARY KEY (year, township_code),
    CONSTRAINT ck_healthmgmt_indicator_count_numbers CHECK (checked >= 0 AND tcm >= 0 AND assessed >= 0 AND checked <= aged AND tcm <= aged AND assessed <= disabled),
    CONSTRAINT ck_healthmgmt_indicator_count_region CHECK (county_code = substr(township_code, 1, 6))
);

CREATE TABLE healthmgmt_indicator_refresh (
    year integer NOT NULL,
    rule character varying(32) NOT NULL,
    computed_at timestamp with time zone NOT NULL,
    duration_ms integer NOT NULL,
    CONSTRAINT "PK_healthmgmt_indicator_refresh" PRIMARY KEY (year),
    CONSTRAINT ck_healthmgmt_indicator_refresh_duration CHECK (duration_ms >= 0)
);

CREATE INDEX ix_healthmgmt_check_year_newest ON healthmgmt_check (year, checked_on DESC, id);

CREATE INDEX ix_healthmgmt_tcm_year_newest ON healthmgmt_tcm (year, assessed_on DESC, id);
