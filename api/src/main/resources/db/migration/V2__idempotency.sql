-- One row per partner and idempotency key, written in the same transaction as the command's events.
-- A concurrent duplicate blocks on the primary key until the first commits, then reads its outcome.
CREATE TABLE idempotency_key (
    partner_id      VARCHAR(64)  NOT NULL,
    idempotency_key VARCHAR(128) NOT NULL,
    request_hash    CHAR(64)     NOT NULL,
    outcome         TEXT,
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (partner_id, idempotency_key)
);
