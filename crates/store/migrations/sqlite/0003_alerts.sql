-- SIS-style alerts; `data` holds the full JSON alert. Deleted alerts are
-- removed (their audit entries remain); expired ones stay until reviewed.
CREATE TABLE alerts (
    id              TEXT PRIMARY KEY,
    category        TEXT NOT NULL,
    issuing_country TEXT NOT NULL,
    agency          TEXT NOT NULL,
    review_date     TEXT NOT NULL,
    expiry          TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    data            TEXT NOT NULL
);
CREATE INDEX alerts_review_date ON alerts (review_date);
