-- postings_raw: every distinct fetched version of every posting, with the source's raw payload.
-- A version is (posting_id, content_hash); fetching the same content again adds a sighting, not a version.
CREATE TABLE IF NOT EXISTS postings_raw (
    posting_id        VARCHAR NOT NULL,   -- '<source>:<source_id>'
    content_hash      VARCHAR NOT NULL,   -- md5 of the item's content fields (not fetched_at / run_id)
    source            VARCHAR NOT NULL,
    source_id         VARCHAR NOT NULL,
    run_id            VARCHAR NOT NULL,   -- first run that fetched this version
    fetched_at        TIMESTAMP NOT NULL, -- first fetch of this version
    board             VARCHAR,
    url               VARCHAR,
    title             VARCHAR,
    employer          VARCHAR,
    location          VARCHAR,
    city              VARCHAR,
    state             VARCHAR,
    postal_code       VARCHAR,
    remote            BOOLEAN,
    posted_at         TIMESTAMP,
    updated_at        TIMESTAMP,
    employment_type   VARCHAR,
    description_html  VARCHAR,
    description_text  VARCHAR,
    text_hash         VARCHAR,            -- pipeline.fingerprint.text_hash(title + location + text)
    pay               JSON,               -- employer-stated structured pay, as landed
    tags              JSON,               -- pipeline.tag() output (replaced by `ma-demand retag`)
    tagger_version    VARCHAR,
    raw               JSON,               -- the source's payload
    synthetic         BOOLEAN NOT NULL,
    landing_file      VARCHAR,
    PRIMARY KEY (posting_id, content_hash)
);

-- posting_sightings: one row per posting per run that fetched it (drives first_seen / last_seen / removed_at).
CREATE TABLE IF NOT EXISTS posting_sightings (
    posting_id    VARCHAR NOT NULL,
    run_id        VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    board         VARCHAR,
    content_hash  VARCHAR NOT NULL,
    fetched_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (posting_id, run_id)
);

-- quarantine: records the crawler set aside, with the reason, kept for inspection.
CREATE TABLE IF NOT EXISTS quarantine (
    run_id        VARCHAR,
    reason        VARCHAR,
    record        JSON,
    landing_file  VARCHAR
);

-- text_fingerprints: MinHash signature per distinct normalised text, computed once.
CREATE TABLE IF NOT EXISTS text_fingerprints (
    text_hash  VARCHAR PRIMARY KEY,
    minhash    UBIGINT[] NOT NULL
);
