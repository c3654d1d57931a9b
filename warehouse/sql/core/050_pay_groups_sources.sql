-- pay: one row per posting that states pay: employer-stated structured pay wins over pay parsed from text.
CREATE TABLE IF NOT EXISTS pay (
    posting_id   VARCHAR NOT NULL,   -- unique (see 010_postings.sql)
    pay_min      DOUBLE,
    pay_max      DOUBLE,
    period       VARCHAR,       -- hour | day | week | month | year
    currency     VARCHAR,
    hourly_min   DOUBLE,
    hourly_max   DOUBLE,
    hourly_mid   DOUBLE,        -- midpoint of the range (the single figure when only one is given)
    annual_mid   DOUBLE,        -- hourly_mid * 2080
    pay_source   VARCHAR        -- structured | text
);

-- duplicate_groups: which postings are the same job; every posting is in exactly one group.
CREATE TABLE IF NOT EXISTS duplicate_groups (
    duplicate_group_id VARCHAR NOT NULL,
    posting_id         VARCHAR NOT NULL,   -- unique (see 010_postings.sql)
    method             VARCHAR NOT NULL,   -- single | exact (same normalised text) | near (MinHash)
    is_canonical       BOOLEAN NOT NULL,   -- the group's earliest-seen posting
    group_size         BIGINT NOT NULL
);

-- sources: one row per spider seen in the crawl runs, with raw and unique counts.
CREATE TABLE IF NOT EXISTS sources (
    source            VARCHAR PRIMARY KEY,
    runs              BIGINT,
    first_crawl_at    TIMESTAMP,
    last_crawl_at     TIMESTAMP,
    last_finish_reason VARCHAR,
    boards            BIGINT,
    postings_raw      BIGINT,   -- postings (source + id) ever fetched
    postings_unique   BIGINT,   -- of those, canonical after dedup
    postings_active   BIGINT,
    posting_intensity DOUBLE    -- postings_raw / postings_unique
);
