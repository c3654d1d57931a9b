-- load_manifest: every landing file merged into the warehouse, by content; a file seen again is skipped.
CREATE TABLE IF NOT EXISTS load_manifest (
    sha256     VARCHAR PRIMARY KEY,   -- SHA-256 of the file's bytes
    path       VARCHAR NOT NULL,      -- path relative to the landing folder when loaded
    kind       VARCHAR NOT NULL,      -- items | run | quarantine
    run_id     VARCHAR,
    rows       BIGINT,                -- lines (items, quarantine) or 1 (run record)
    load_id    VARCHAR NOT NULL,
    loaded_at  TIMESTAMP NOT NULL
);
