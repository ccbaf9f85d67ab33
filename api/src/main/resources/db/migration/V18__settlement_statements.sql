-- Issue 14: settlement statements as issued (their figures frozen in the event; here for reads and
-- for the check that a partner's periods never overlap). Written in the issuing command's transaction.
CREATE TABLE settlement_statement (
    statement_id   VARCHAR(200) PRIMARY KEY,
    partner_id     VARCHAR(64)  NOT NULL,
    period_from    DATE         NOT NULL,
    period_to      DATE         NOT NULL,
    corrects       VARCHAR(200),
    superseded_by  VARCHAR(200),
    issued_at      TIMESTAMPTZ  NOT NULL,
    issued_by      VARCHAR(64),
    lines          TEXT         NOT NULL,
    CHECK (period_from < period_to)
);
CREATE INDEX settlement_statement_partner ON settlement_statement (partner_id, period_from);
