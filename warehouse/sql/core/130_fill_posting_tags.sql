-- Fill posting_tags: the latest version's tags in long form, with the evidence span(s) as JSON text.
-- One row per posting x dimension x code: a code the tagger listed twice keeps its first entry
-- (deduplicated inside each posting's list, which needs no table-wide DISTINCT over millions of rows).
DELETE FROM posting_tags;
INSERT INTO posting_tags
SELECT * FROM (
    SELECT posting_id, 'certification' AS dimension, cert.code, NULL AS category, cert.requirement,
           cert.within_months, CAST(evidence -> 'certifications' -> cert.code AS VARCHAR) AS evidence, tagger_version
    FROM (SELECT posting_id, t.evidence AS evidence, tagger_version,
                 unnest(list_filter(t.certifications, lambda c, i:
                     list_position(list_transform(t.certifications, lambda x: x.code), c.code) = i)) AS cert
          FROM stg_current)
    UNION ALL
    SELECT posting_id, 'ehr', ehr, NULL, NULL, NULL, CAST(evidence -> 'ehr' -> ehr AS VARCHAR), tagger_version
    FROM (SELECT posting_id, t.evidence AS evidence, tagger_version, unnest(list_distinct(t.ehr)) AS ehr FROM stg_current)
    UNION ALL
    SELECT posting_id, 'skill', skill.id, skill.category, NULL, NULL,
           CAST(evidence -> 'skills' -> skill.id AS VARCHAR), tagger_version
    FROM (SELECT posting_id, t.evidence AS evidence, tagger_version,
                 unnest(list_filter(t.skills, lambda s, i:
                     list_position(list_transform(t.skills, lambda x: x.id), s.id) = i)) AS skill
          FROM stg_current)
    UNION ALL
    SELECT posting_id, 'language', language, NULL, NULL, NULL,
           CAST(evidence -> 'languages' -> language AS VARCHAR), tagger_version
    FROM (SELECT posting_id, t.evidence AS evidence, tagger_version, unnest(list_distinct(t.languages)) AS language
          FROM stg_current)
) WHERE code IS NOT NULL AND tagger_version IS NOT NULL;
