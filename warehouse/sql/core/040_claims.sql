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

-- The same claim weighted to OEWS MA employment by state (warehouse/claims/weighting.py, docs/warehouse.md).
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_observed DOUBLE;
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_ci_low DOUBLE;       -- 95% interval on Kish's effective n
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_ci_high DOUBLE;
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_n BIGINT;            -- postings with a weight
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_n_effective DOUBLE;  -- (sum w)^2 / sum w^2
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_verdict VARCHAR;
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_corrected DOUBLE;
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_ci_low_with_error DOUBLE;
ALTER TABLE claim_results ADD COLUMN IF NOT EXISTS weighted_ci_high_with_error DOUBLE;

-- posting_weights: each weighted posting's post-stratification weight (refilled with the claims).
CREATE TABLE IF NOT EXISTS posting_weights (
    posting_id        VARCHAR NOT NULL,
    state             VARCHAR NOT NULL,
    employer          VARCHAR NOT NULL,   -- lower-cased; '' when the posting names none
    employer_postings BIGINT NOT NULL,    -- this employer's unique MA postings in the state
    employer_factor   DOUBLE NOT NULL,    -- min(1, employer_cap / employer_postings)
    employment_share  DOUBLE NOT NULL,    -- the state's share of OEWS MA employment (weighted states)
    posting_share     DOUBLE NOT NULL,    -- its share of the capped postings
    weight            DOUBLE NOT NULL     -- employer_factor * employment_share / posting_share
);
