-- stg_current: each posting's latest fetched version with its tags parsed into typed columns.
CREATE OR REPLACE TABLE stg_current AS
SELECT
    posting_id, content_hash, text_hash, source, board, state, pay AS structured_pay, tagger_version,
    from_json(tags, '{"is_ma": "BOOLEAN", "title_normalized": "VARCHAR", "seniority": "VARCHAR",
        "track": "VARCHAR", "specialty": "VARCHAR",
        "certifications": [{"code": "VARCHAR", "requirement": "VARCHAR", "within_months": "DOUBLE"}],
        "ehr": ["VARCHAR"], "skills": [{"id": "VARCHAR", "category": "VARCHAR"}],
        "pay": {"min": "DOUBLE", "max": "DOUBLE", "period": "VARCHAR", "currency": "VARCHAR",
                "hourly_min": "DOUBLE", "hourly_max": "DOUBLE", "source": "VARCHAR"},
        "experience_years_min": "DOUBLE", "experience_requirement": "VARCHAR", "education": "VARCHAR",
        "bilingual": "BOOLEAN", "languages": ["VARCHAR"], "evidence": "JSON"}') AS t
FROM postings_raw
QUALIFY row_number() OVER (PARTITION BY posting_id ORDER BY fetched_at DESC, content_hash) = 1;
