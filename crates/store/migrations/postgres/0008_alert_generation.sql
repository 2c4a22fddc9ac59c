-- A counter bumped by every alert change, in the change's transaction: the
-- screening snapshot is valid while it matches (read at every server start,
-- so it must not scan the audit log).
CREATE TABLE alert_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n  BIGINT NOT NULL
);
INSERT INTO alert_generation (id, n) VALUES (1, 0);
