-- bls_reference: BLS figures for Medical Assistants (SOC 31-9092). Rows with origin 'guide' are the
-- figures the career guide quotes (built in); `ma-demand bls fetch` adds 'bls_api' rows by state.
CREATE TABLE IF NOT EXISTS bls_reference (
    soc_code    VARCHAR NOT NULL,   -- '31-9092'
    area_type   VARCHAR NOT NULL,   -- national | state
    area_code   VARCHAR NOT NULL,   -- 'US' or 2-letter state code
    measure     VARCHAR NOT NULL,   -- e.g. annual_p10, annual_median, hourly_median, employment, growth_pct
    value       DOUBLE,
    unit        VARCHAR,            -- usd_per_year | usd_per_hour | jobs | percent | openings_per_year
    vintage     VARCHAR NOT NULL,   -- 'May 2024 OEWS' | '2024-34 projections'
    origin      VARCHAR NOT NULL,   -- guide | bls_api
    series_id   VARCHAR,            -- BLS series id when fetched
    fetched_at  TIMESTAMP,
    PRIMARY KEY (soc_code, area_code, measure, vintage, origin)
);

INSERT OR REPLACE INTO bls_reference VALUES
    ('31-9092', 'national', 'US', 'annual_p10',    35020,  'usd_per_year', 'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'annual_p25',    37610,  'usd_per_year', 'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'annual_median', 44200,  'usd_per_year', 'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'annual_p75',    48160,  'usd_per_year', 'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'annual_p90',    57830,  'usd_per_year', 'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'annual_mean',   44720,  'usd_per_year', 'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'hourly_median', 21.25,  'usd_per_hour', 'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'employment',    793460, 'jobs',         'May 2024 OEWS', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'growth_pct',    12.5,   'percent',      '2024-34 projections', 'guide', NULL, NULL),
    ('31-9092', 'national', 'US', 'openings_per_year', 112300, 'openings_per_year', '2024-34 projections', 'guide', NULL, NULL);
