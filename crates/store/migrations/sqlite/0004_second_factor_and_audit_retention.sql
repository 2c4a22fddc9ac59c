-- Optional second factor: the TOTP secret of users who enrolled one.
ALTER TABLE users ADD COLUMN totp_secret TEXT;

-- After retention pruning, the last removed entry's sequence number and hash:
-- the verifier starts the chain from here.
CREATE TABLE audit_anchor (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
