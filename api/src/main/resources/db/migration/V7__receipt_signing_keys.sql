-- Issue 4: per-partner secrets that sign purchase receipts (HMAC-SHA256), newest first. They are
-- kept here and never in events: events are exported, replayed and read by auditors, and a
-- secret must not travel with them.
CREATE TABLE receipt_signing_key (
    key_id     VARCHAR(40) PRIMARY KEY,
    partner_id VARCHAR(64) NOT NULL,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX receipt_signing_key_partner ON receipt_signing_key (partner_id, created_at DESC);
