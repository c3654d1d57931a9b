-- Coverage: how the unique MA postings spread over states beside where MA jobs are (BLS OEWS employment).

-- state_ma_employment: MA employment per state (and 'US'): the BLS API's figure when `ma-demand bls fetch`
-- stored one, else the shipped file's (warehouse/data/oews_ma_state_employment.csv). A state missing here
-- has no figure: its coverage is unknown.
CREATE OR REPLACE VIEW state_ma_employment AS
WITH fetched AS (
    SELECT area_code, value AS employment, vintage AS release,
           'https://api.bls.gov/publicAPI/v2/timeseries/data/' AS source_url,
           'BLS API, series ' || coalesce(series_id, '?') AS source_kind
    FROM bls_reference
    WHERE soc_code = '31-9092' AND measure = 'employment' AND origin = 'bls_api' AND value IS NOT NULL
    QUALIFY row_number() OVER (PARTITION BY area_code ORDER BY vintage DESC, fetched_at DESC) = 1
)
SELECT * FROM fetched
UNION ALL
SELECT area_code, employment, release, source_url, source_kind FROM oews_state_employment o
WHERE o.area_code NOT IN (SELECT area_code FROM fetched);

-- v_coverage_by_state: per state, unique MA postings beside OEWS MA employment; the coverage ratio is
-- postings per 1,000 MA jobs (NULL where no OEWS figure is shipped); top10_employer_share is the share of
-- the state's postings from its ten employers with the most postings.
CREATE OR REPLACE VIEW v_coverage_by_state AS
WITH placed AS (
    SELECT state, coalesce(lower(trim(employer)), '') AS employer FROM v_title_population WHERE state IS NOT NULL
), per_employer AS (
    SELECT state, employer, count(*) AS postings,
           row_number() OVER (PARTITION BY state ORDER BY count(*) DESC, employer) AS employer_rank
    FROM placed GROUP BY state, employer
), per_state AS (
    SELECT state, sum(postings) AS postings, count(*) FILTER (employer <> '') AS employers,
           sum(postings) FILTER (employer_rank <= 10) AS top10_postings
    FROM per_employer GROUP BY state
), jobs AS (
    SELECT * FROM state_ma_employment WHERE area_code <> 'US'
)
SELECT coalesce(p.state, j.area_code) AS state,
       coalesce(p.postings, 0)::BIGINT AS postings,
       coalesce(p.employers, 0)::BIGINT AS employers,
       j.employment AS ma_jobs,
       CASE WHEN j.employment > 0 THEN 1000.0 * coalesce(p.postings, 0) / j.employment END AS postings_per_1000_ma_jobs,
       p.top10_postings / p.postings AS top10_employer_share,
       p.postings / sum(p.postings) OVER () AS posting_share,
       CASE WHEN p.postings > 0 THEN j.employment / sum(j.employment) FILTER (p.postings > 0) OVER () END
           AS employment_share,
       j.release, j.source_url,
       CASE WHEN j.employment IS NULL THEN 'no OEWS figure shipped'
            WHEN p.postings IS NULL THEN 'no MA postings collected' END AS note
FROM per_state p FULL OUTER JOIN jobs j ON p.state = j.area_code
ORDER BY postings DESC, state;

-- v_coverage_summary: one row: how much of the postings and of US MA employment the weighted claims rest on.
CREATE OR REPLACE VIEW v_coverage_summary AS
WITH population AS (
    SELECT count(*) AS postings, count(*) FILTER (state IS NOT NULL) AS postings_with_state
    FROM v_title_population
), employers AS (
    SELECT coalesce(lower(trim(employer)), '') AS employer_key, count(*) AS postings,
           row_number() OVER (ORDER BY count(*) DESC, employer_key) AS employer_rank
    FROM v_title_population GROUP BY employer_key
), states AS (
    SELECT count(*) FILTER (postings > 0) AS states_with_postings,
           count(*) FILTER (postings > 0 AND ma_jobs IS NOT NULL) AS states_weighted,
           count(*) FILTER (postings > 0 AND ma_jobs IS NULL) AS states_without_figure,
           count(*) FILTER (postings = 0) AS states_with_figure_no_postings,
           sum(postings) FILTER (ma_jobs IS NOT NULL) AS postings_in_weighted_states,
           sum(ma_jobs) FILTER (postings > 0) AS ma_jobs_in_weighted_states,
           string_agg(DISTINCT release, ', ') AS releases
    FROM v_coverage_by_state
)
SELECT population.postings, population.postings_with_state, states.*,
       (SELECT employment FROM state_ma_employment WHERE area_code = 'US') AS us_ma_jobs,
       states.ma_jobs_in_weighted_states / (SELECT employment FROM state_ma_employment WHERE area_code = 'US')
           AS share_of_us_ma_jobs,
       1000.0 * states.postings_in_weighted_states / nullif(states.ma_jobs_in_weighted_states, 0)
           AS postings_per_1000_ma_jobs,
       (SELECT sum(postings) FILTER (employer_rank <= 10) FROM employers) / nullif(population.postings, 0)
           AS top10_employer_share
FROM population, states;
