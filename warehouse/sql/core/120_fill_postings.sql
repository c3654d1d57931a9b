-- Fill postings: one row per posting (source + source_id), its latest version, history window, pay and group.
-- A state or specialty listed in cleared_values (not in its vocabulary) is left empty.
DELETE FROM postings;
INSERT INTO postings BY NAME
SELECT
    c.posting_id, r.source, r.source_id, r.board, r.employer, r.title, c.t.title_normalized, r.url, r.location,
    r.city, CASE WHEN cleared.state IS NOT TRUE THEN r.state END AS state,
    r.postal_code, r.remote, r.posted_at, r.updated_at, w.first_seen, w.last_seen,
    w.removed_at, w.removed_at IS NULL AS active, coalesce(c.t.is_ma, false) AS is_ma, c.t.seniority, c.t.track,
    CASE WHEN cleared.specialty IS NOT TRUE THEN c.t.specialty END AS specialty,
    r.employment_type, r.description_text, c.t.experience_years_min, c.t.experience_band,
    c.t.experience_requirement,
    c.t.education, c.t.bilingual, p.pay_min, p.pay_max, p.period AS pay_period, p.currency AS pay_currency,
    p.hourly_min AS pay_hourly_min, p.hourly_max AS pay_hourly_max, p.pay_source, g.duplicate_group_id,
    g.is_canonical, c.tagger_version, r.synthetic, c.content_hash, c.text_hash, r.run_id AS version_run_id,
    coalesce(r.description_missing, false) AS description_missing
FROM stg_current c
JOIN postings_raw r USING (posting_id, content_hash)
JOIN stg_windows w USING (posting_id)
JOIN duplicate_groups g USING (posting_id)
LEFT JOIN stg_pay p USING (posting_id)
LEFT JOIN (SELECT posting_id, bool_or(field = 'state') AS state, bool_or(field = 'specialty') AS specialty
           FROM cleared_values GROUP BY posting_id) cleared USING (posting_id);
