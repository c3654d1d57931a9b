-- posting_tags: the tagger's findings in long form, one row per posting x dimension x code.
CREATE TABLE IF NOT EXISTS posting_tags (
    posting_id     VARCHAR NOT NULL,
    dimension      VARCHAR NOT NULL,   -- certification | ehr | skill | language
    code           VARCHAR NOT NULL,
    category       VARCHAR,            -- skills: clinical | administrative | soft
    requirement    VARCHAR,            -- certifications: required | preferred | mentioned
    within_months  DOUBLE,
    evidence       VARCHAR,
    tagger_version VARCHAR NOT NULL
);
