-- Wallet balances (processing group wallet-balances). Amounts are minor units of the asset.
CREATE TABLE wallet (
    partner_id      VARCHAR(64) NOT NULL,
    player_id       VARCHAR(64) NOT NULL,
    status          VARCHAR(20) NOT NULL,
    -- The wallet sequence of the event that set the status.
    status_sequence BIGINT      NOT NULL,
    opened_at       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partner_id, player_id)
);

CREATE TABLE wallet_balance (
    partner_id      VARCHAR(64) NOT NULL,
    player_id       VARCHAR(64) NOT NULL,
    asset           VARCHAR(32) NOT NULL,
    available_minor BIGINT      NOT NULL CHECK (available_minor >= 0),
    reserved_minor  BIGINT      NOT NULL CHECK (reserved_minor >= 0),
    wallet_sequence BIGINT      NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (partner_id, player_id, asset)
);

-- The partner side of each money event, one row per event and system account; the balance is their sum.
CREATE TABLE system_account_entry (
    event_identifier VARCHAR(255) NOT NULL,
    partner_id       VARCHAR(64)  NOT NULL,
    account          VARCHAR(32)  NOT NULL,
    asset            VARCHAR(32)  NOT NULL,
    amount_minor     BIGINT       NOT NULL,
    PRIMARY KEY (event_identifier, account, asset)
);
CREATE INDEX system_account_entry_partner ON system_account_entry (partner_id, account, asset);

CREATE VIEW system_account_balance AS
SELECT partner_id, account, asset, SUM(amount_minor)::BIGINT AS balance_minor
FROM system_account_entry
GROUP BY partner_id, account, asset;

CREATE TABLE pending_withdrawal (
    partner_id                      VARCHAR(64)  NOT NULL,
    player_id                       VARCHAR(64)  NOT NULL,
    withdrawal_partner_transaction_id VARCHAR(128) NOT NULL,
    asset                           VARCHAR(32)  NOT NULL,
    amount_minor                    BIGINT       NOT NULL,
    expires_at                      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (partner_id, player_id, withdrawal_partner_transaction_id)
);
CREATE INDEX pending_withdrawal_expiry ON pending_withdrawal (expires_at);

-- Transaction history (processing group wallet-transactions): one row per wallet event that moves money
-- or records a rollback, with the balances after it.
CREATE TABLE wallet_transaction (
    transaction_id         VARCHAR(64)  PRIMARY KEY,
    partner_id             VARCHAR(64)  NOT NULL,
    player_id              VARCHAR(64)  NOT NULL,
    wallet_sequence        BIGINT       NOT NULL,
    global_position        BIGINT,
    partner_transaction_id VARCHAR(128) NOT NULL,
    kind                   VARCHAR(40)  NOT NULL,
    asset                  VARCHAR(32),
    available_change_minor BIGINT       NOT NULL,
    reserved_change_minor  BIGINT       NOT NULL,
    available_after_minor  BIGINT,
    reserved_after_minor   BIGINT,
    system_account         VARCHAR(32),
    game_id                VARCHAR(64),
    round_id               VARCHAR(64),
    reference_id           VARCHAR(128),
    reason                 VARCHAR(500),
    occurred_at            TIMESTAMPTZ  NOT NULL,
    UNIQUE (partner_id, player_id, wallet_sequence)
);
CREATE INDEX wallet_transaction_history ON wallet_transaction (partner_id, player_id, wallet_sequence DESC);
