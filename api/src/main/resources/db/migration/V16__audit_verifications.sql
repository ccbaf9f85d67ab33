-- Issue 13: store verifications started through the audit API, their progress and their result.
-- A verification only reads the store; this table is its report, kept so an auditor can come back for it.
CREATE TABLE audit_verification (
    verification_id  UUID         PRIMARY KEY,
    requested_by     VARCHAR(64)  NOT NULL,
    started_at       TIMESTAMPTZ  NOT NULL,
    heartbeat_at     TIMESTAMPTZ  NOT NULL,
    finished_at      TIMESTAMPTZ,
    status           VARCHAR(16)  NOT NULL,
    events_total     BIGINT       NOT NULL,
    events_checked   BIGINT       NOT NULL DEFAULT 0,
    aggregates_checked BIGINT     NOT NULL DEFAULT 0,
    failure_count    BIGINT       NOT NULL DEFAULT 0,
    failures         TEXT,
    error            TEXT
);
