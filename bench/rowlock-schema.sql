-- The design most platforms run today, for comparison: a mutable wallet row locked with
-- SELECT ... FOR UPDATE, updated, plus an inserted transaction row with a unique idempotency key.
-- bench/run.sh loads this into its own database (chipledger_rowlock_bench).
CREATE TABLE wallet (
    id      BIGINT PRIMARY KEY,
    balance BIGINT NOT NULL CHECK (balance >= 0),
    version BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE wallet_transaction (
    id              BIGSERIAL PRIMARY KEY,
    wallet_id       BIGINT      NOT NULL REFERENCES wallet (id),
    idempotency_key TEXT        NOT NULL UNIQUE,
    kind            TEXT        NOT NULL,
    amount          BIGINT      NOT NULL,
    balance_after   BIGINT      NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

INSERT INTO wallet (id, balance) SELECT g, 10000000000 FROM generate_series(1, 10000) g;
