-- Fill posting_tags: the latest version's tags in long form, with the evidence span(s) as JSON text.
DELETE FROM posting_tags;
INSERT INTO posting_tags
SELECT DISTINCT ON (posting_id, dimension, code) * FROM (
    SELECT posting_id, 'certification' AS dimension, cert.code, NULL AS category, cert.requirement,
           cert.within_months, CAST(t.evidence -> 'certifications' -> cert.code AS VARCHAR) AS evidence, tagger_version
    FROM (SELECT posting_id, t, tagger_version, unnest(t.certifications) AS cert FROM stg_current)
    UNION ALL
    SELECT posting_id, 'ehr', ehr, NULL, NULL, NULL, CAST(t.evidence -> 'ehr' -> ehr AS VARCHAR), tagger_version
    FROM (SELECT posting_id, t, tagger_version, unnest(t.ehr) AS ehr FROM stg_current)
    UNION ALL
    SELECT posting_id, 'skill', skill.id, skill.category, NULL, NULL,
           CAST(t.evidence -> 'skills' -> skill.id AS VARCHAR), tagger_version
    FROM (SELECT posting_id, t, tagger_version, unnest(t.skills) AS skill FROM stg_current)
    UNION ALL
    SELECT posting_id, 'language', language, NULL, NULL, NULL, NULL, tagger_version
    FROM (SELECT posting_id, t, tagger_version, unnest(t.languages) AS language FROM stg_current)
) WHERE code IS NOT NULL AND tagger_version IS NOT NULL;
