-- Views for analysts and the dashboard (documented in docs/warehouse.md). Usable from the duckdb CLI.

-- v_claim_population: the postings claims read from the text are measured on: unique (canonical) MA
-- postings whose description was collected.
CREATE OR REPLACE VIEW v_claim_population AS
SELECT * FROM postings WHERE is_ma AND is_canonical AND NOT description_missing;

-- v_title_population: unique MA postings, those collected without a description too (the title claims).
CREATE OR REPLACE VIEW v_title_population AS
SELECT * FROM postings WHERE is_ma AND is_canonical;

-- v_postings: unique MA postings with their pay midpoint, without the long text.
CREATE OR REPLACE VIEW v_postings AS
SELECT p.* EXCLUDE (description_text), y.hourly_mid AS pay_hourly_mid, y.annual_mid AS pay_annual_mid
FROM postings p LEFT JOIN pay y USING (posting_id)
WHERE p.is_ma AND p.is_canonical;

-- v_certification_demand: per credential and requirement level, postings naming it and their share.
CREATE OR REPLACE VIEW v_certification_demand AS
WITH population AS (SELECT count(*) AS n FROM v_claim_population)
SELECT t.code, t.requirement, count(DISTINCT t.posting_id) AS postings,
       count(DISTINCT t.posting_id) / any_value(population.n) AS share, any_value(population.n) AS population
FROM posting_tags t JOIN v_claim_population USING (posting_id), population
WHERE t.dimension = 'certification'
GROUP BY t.code, t.requirement
ORDER BY postings DESC;

-- v_ehr_share: per EHR system, unique MA postings naming it and their share.
CREATE OR REPLACE VIEW v_ehr_share AS
WITH population AS (SELECT count(*) AS n FROM v_claim_population)
SELECT t.code AS ehr, count(DISTINCT t.posting_id) AS postings,
       count(DISTINCT t.posting_id) / any_value(population.n) AS share, any_value(population.n) AS population
FROM posting_tags t JOIN v_claim_population USING (posting_id), population
WHERE t.dimension = 'ehr'
GROUP BY t.code
ORDER BY postings DESC;

-- v_skill_share: per skill, unique MA postings naming it and their share.
CREATE OR REPLACE VIEW v_skill_share AS
WITH population AS (SELECT count(*) AS n FROM v_claim_population)
SELECT t.code AS skill, any_value(t.category) AS category, count(DISTINCT t.posting_id) AS postings,
       count(DISTINCT t.posting_id) / any_value(population.n) AS share
FROM posting_tags t JOIN v_claim_population USING (posting_id), population
WHERE t.dimension = 'skill'
GROUP BY t.code
ORDER BY postings DESC;

-- v_pay: unique MA postings that state pay, with the BLS national percentiles beside each figure.
CREATE OR REPLACE VIEW v_pay AS
SELECT p.posting_id, p.state, p.seniority, p.specialty, p.title, y.*  EXCLUDE (posting_id),
       (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'annual_p10' AND origin = 'guide') AS bls_annual_p10,
       (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'annual_median' AND origin = 'guide') AS bls_annual_median,
       (SELECT value FROM bls_reference WHERE area_code = 'US' AND measure = 'annual_p90' AND origin = 'guide') AS bls_annual_p90
FROM v_claim_population p JOIN pay y USING (posting_id);

-- v_pay_by_seniority: median posted pay per seniority level.
CREATE OR REPLACE VIEW v_pay_by_seniority AS
SELECT seniority, count(*) AS postings, median(hourly_mid) AS median_hourly, median(annual_mid) AS median_annual
FROM v_pay GROUP BY seniority ORDER BY median_hourly;

-- v_raw_vs_unique: per source, postings fetched vs unique after dedup (posting intensity = raw / unique).
CREATE OR REPLACE VIEW v_raw_vs_unique AS
SELECT source, postings_raw, postings_unique, posting_intensity, postings_active FROM sources ORDER BY source;

-- v_claims: each claim with its latest result.
CREATE OR REPLACE VIEW v_claims AS
SELECT c.claim_id, c.claim, c.guide_section, r.verdict, r.observed, r.ci_low, r.ci_high, r.n,
       r.example_posting_ids, c.rule, r.computed_at, c.kind, c.metric,
       r.corrected, r.ci_low_with_error, r.ci_high_with_error, r.error_share, r.error_model,
       r.weighted_verdict, r.weighted_observed, r.weighted_ci_low, r.weighted_ci_high, r.weighted_n,
       r.weighted_n_effective, r.weighted_corrected, r.weighted_ci_low_with_error, r.weighted_ci_high_with_error,
       r.weighted_verdict IS DISTINCT FROM r.verdict AS verdicts_differ
FROM claims c LEFT JOIN claim_results r USING (claim_id)
ORDER BY c.claim_id;

-- v_crawl_health: every crawl run, newest first, with its health flags.
CREATE OR REPLACE VIEW v_crawl_health AS
SELECT run_id, spider, started_at, finished_at, finish_reason, items, skipped, quarantined, errors,
       boards, boards_complete, passed
FROM crawl_runs ORDER BY started_at DESC;
