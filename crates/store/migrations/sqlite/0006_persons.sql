-- Entity resolution over the store: which records are one person, the
-- scored pairs that say why, and analysts' judgements that overrule them.

-- One row per resolution run; `model` is the trained model (JSON) that
-- later incremental runs reuse.
CREATE TABLE resolution_runs (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    at            TEXT NOT NULL,
    actor         TEXT NOT NULL,
    mode          TEXT NOT NULL,
    model_version TEXT NOT NULL,
    model         TEXT NOT NULL,
    threshold     DOUBLE PRECISION NOT NULL,
    records       BIGINT NOT NULL,
    scored_pairs  BIGINT NOT NULL,
    links         BIGINT NOT NULL,
    persons       BIGINT NOT NULL
);

-- The resolved person of each record. Person ids stay stable across runs.
CREATE TABLE person_of_record (
    record_id TEXT PRIMARY KEY,
    person_id TEXT NOT NULL
);
CREATE INDEX person_of_record_person ON person_of_record (person_id);

-- Scored candidate pairs worth keeping: links (at or above the model's
-- threshold) and uncertain pairs for review. `explanation` is the
-- per-field weight of evidence (JSON).
CREATE TABLE record_links (
    record_a    TEXT NOT NULL,
    record_b    TEXT NOT NULL,
    weight      DOUBLE PRECISION NOT NULL,
    probability DOUBLE PRECISION NOT NULL,
    linked      BIGINT NOT NULL,
    explanation TEXT NOT NULL,
    PRIMARY KEY (record_a, record_b)
);
CREATE INDEX record_links_b ON record_links (record_b);

-- Analysts' judgements on pairs, kept as history; the latest per pair wins.
CREATE TABLE judgements (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    record_a TEXT NOT NULL,
    record_b TEXT NOT NULL,
    verdict  TEXT NOT NULL,
    username TEXT NOT NULL,
    at       TEXT NOT NULL,
    reason   TEXT NOT NULL
);
CREATE INDEX judgements_pair ON judgements (record_a, record_b);
