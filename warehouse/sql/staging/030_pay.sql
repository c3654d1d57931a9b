-- stg_pay: the pay each posting states, in its own period and as hourly figures.
-- Employer-stated structured pay wins; pay the tagger parsed from text comes next; an estimate is never pay.
-- Hourly figures outside 7.25..200 USD are treated as parse errors and left out.
CREATE OR REPLACE TABLE stg_pay AS
WITH stated AS (
    SELECT posting_id,
        CASE WHEN structured_pay IS NOT NULL
                  AND coalesce(structured_pay ->> 'source', 'structured') = 'structured'
                  AND coalesce(TRY_CAST(structured_pay ->> 'min' AS DOUBLE), TRY_CAST(structured_pay ->> 'max' AS DOUBLE)) IS NOT NULL
             THEN 'structured'
             WHEN t.pay IS NOT NULL AND coalesce(t.pay.min, t.pay.max) IS NOT NULL
                  AND coalesce(t.pay.source, 'text') IN ('text', 'structured')
             THEN 'text' END AS pay_source,
        structured_pay, t.pay AS text_pay
    FROM stg_current
),
chosen AS (
    SELECT posting_id, pay_source,
        CASE pay_source WHEN 'structured' THEN TRY_CAST(structured_pay ->> 'min' AS DOUBLE) ELSE text_pay.min END AS pay_min,
        CASE pay_source WHEN 'structured' THEN TRY_CAST(structured_pay ->> 'max' AS DOUBLE) ELSE text_pay.max END AS pay_max,
        lower(CASE pay_source WHEN 'structured' THEN structured_pay ->> 'period' ELSE text_pay.period END) AS period,
        coalesce(CASE pay_source WHEN 'structured' THEN structured_pay ->> 'currency' ELSE text_pay.currency END, 'USD') AS currency
    FROM stated WHERE pay_source IS NOT NULL
),
hourly AS (
    SELECT c.*, c.pay_min / p.hours AS hourly_min, c.pay_max / p.hours AS hourly_max
    FROM chosen c JOIN pay_periods p USING (period)
)
SELECT *, (coalesce(hourly_min, hourly_max) + coalesce(hourly_max, hourly_min)) / 2 AS hourly_mid,
       (coalesce(hourly_min, hourly_max) + coalesce(hourly_max, hourly_min)) / 2 * 2080 AS annual_mid
FROM hourly
WHERE currency = 'USD'
  AND coalesce(hourly_min, hourly_max) BETWEEN 7.25 AND 200
  AND coalesce(hourly_max, hourly_min) BETWEEN 7.25 AND 200;
