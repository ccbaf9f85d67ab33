-- Admin keys as the request path needs them (processing group admin-access, subscribing: updated in
-- the command's transaction, so a revoked key is refused on the very next request).
CREATE TABLE admin_key (
    key_id      VARCHAR(64)  PRIMARY KEY,
    name        VARCHAR(100) NOT NULL,
    prefix      VARCHAR(32)  NOT NULL UNIQUE,
    secret_hash CHAR(64)     NOT NULL,
    roles       VARCHAR(200) NOT NULL,
    expires_at  TIMESTAMPTZ,
    issued_at   TIMESTAMPTZ  NOT NULL,
    issued_by   VARCHAR(100),
    revoked_at  TIMESTAMPTZ,
    revoked_by  VARCHAR(100)
);
