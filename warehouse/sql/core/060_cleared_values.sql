-- cleared_values: a landed value that is not in its vocabulary, which the posting loads without.
-- A state must be a code of us_states (pipeline/states.toml), a specialty an id of specialties
-- (pipeline/vocabulary/specialties.toml). Anything else (a typo, or markup such as
-- '<a href="...">' planted in a landing file) would reach the dashboard's labels and filters, so the
-- posting keeps its place in the counts with the field empty, and the value is kept here with why.
CREATE TABLE IF NOT EXISTS cleared_values (
    posting_id  VARCHAR NOT NULL,
    field       VARCHAR NOT NULL,    -- state | specialty
    value       VARCHAR NOT NULL,    -- the value as landed (its latest version)
    reason      VARCHAR NOT NULL
);
