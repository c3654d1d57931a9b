-- claims: the guide's claims as data; claim_results: each claim measured on the postings.
CREATE TABLE IF NOT EXISTS claims (
    claim_id      VARCHAR PRIMARY KEY,
    claim         VARCHAR NOT NULL,    -- in the project's own words
    guide_section VARCHAR,
    metric        VARCHAR,             -- what is measured
    rule          VARCHAR,             -- how the value reads as a verdict
    min_n         INTEGER,
    kind          VARCHAR,             -- share | share_difference | pay_difference | pay_level | top_codes
    metric_sql    VARCHAR              -- the metric's SQL text
);

CREATE TABLE IF NOT EXISTS claim_results (
    claim_id            VARCHAR NOT NULL,
    computed_at         TIMESTAMP NOT NULL,
    observed            DOUBLE,
    ci_low              DOUBLE,
    ci_high             DOUBLE,
    n                   BIGINT,
    verdict             VARCHAR,        -- supported | partly supported | contradicted | inconclusive | too little data
    example_posting_ids VARCHAR[],
    detail              JSON
);

-- The tagger's error (docs/methods.md), added later: a warehouse built before gains the columns here.
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS corrected DOUBLE;          -- observed, corrected for the tagger's error
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS ci_low_with_error DOUBLE;  -- 95% interval with sampling and tagger error
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS ci_high_with_error DOUBLE;
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS error_share DOUBLE;        -- share of that width from the tagger's error
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS error_model VARCHAR;       -- registry.toml error_model
