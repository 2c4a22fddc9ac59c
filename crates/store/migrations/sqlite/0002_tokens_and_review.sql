-- Revocable API tokens (stored as SHA-256 of the token, like sessions).
CREATE TABLE api_tokens (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    token_hash  TEXT NOT NULL UNIQUE,
    username    TEXT NOT NULL REFERENCES users (username) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    revoked_at  TEXT
);

-- When each record must next be reviewed for continued storage (LED Art. 5).
ALTER TABLE records ADD COLUMN review_due TEXT;
CREATE INDEX records_review_due ON records (review_due);
