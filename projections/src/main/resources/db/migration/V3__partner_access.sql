-- Partner access read model (processing group partner-access, subscribing: updated in the command's transaction).
CREATE TABLE partner (
    partner_id                   VARCHAR(64)  PRIMARY KEY,
    name                         VARCHAR(200) NOT NULL,
    type                         VARCHAR(20)  NOT NULL,
    status                       VARCHAR(20)  NOT NULL,
    commission_rate_basis_points INTEGER      NOT NULL,
    contact_email                VARCHAR(254) NOT NULL,
    registered_at                TIMESTAMPTZ  NOT NULL
);

CREATE TABLE api_key (
    key_id      VARCHAR(64)  PRIMARY KEY,
    partner_id  VARCHAR(64)  NOT NULL REFERENCES partner (partner_id),
    prefix      VARCHAR(32)  NOT NULL UNIQUE,
    secret_hash CHAR(64)     NOT NULL,
    scopes      VARCHAR(200) NOT NULL,
    expires_at  TIMESTAMPTZ,
    issued_at   TIMESTAMPTZ  NOT NULL,
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX api_key_partner ON api_key (partner_id);
