-- run_boards: per run and board, what the crawler counted and whether it listed the board completely.
CREATE TABLE IF NOT EXISTS run_boards (
    run_id    VARCHAR NOT NULL,
    source    VARCHAR NOT NULL,
    board     VARCHAR NOT NULL,
    fetched   BIGINT,
    kept      BIGINT,
    skipped   BIGINT,
    complete  BOOLEAN NOT NULL,   -- every posting on the board was listed: absence means removal
    error     VARCHAR,
    PRIMARY KEY (run_id, board)
);
