-- Issue 10 (books that balance under concurrency).
--
-- 1. A read-model row that stands for an event is keyed by that event's own identity. Until now
--    system account entries were keyed, and history, plays and purchases positioned, by the
--    tracking token's position; for an event that fills a gap (events commit out of global-index
--    order under concurrent appends) the token reports the highest position seen so far, not the
--    event's own, so two events shared a key and one entry was silently dropped. Positions are now
--    the event's own global_index, read from the store by event identifier in the statement that
--    writes the row, and history lines are keyed by wallet and wallet sequence.
--    The four projections are rebuilt from the events: their tables are emptied and their tokens
--    removed, so each starts again from the first event.
TRUNCATE wallet, wallet_balance, system_account_entry, pending_withdrawal, wallet_transaction, play_log, purchase;
DELETE FROM token_entry WHERE processor_name IN ('wallet-balances', 'wallet-transactions', 'play-log', 'purchase-history');

ALTER TABLE wallet_transaction DROP CONSTRAINT wallet_transaction_pkey;
ALTER TABLE wallet_transaction DROP CONSTRAINT wallet_transaction_history;
ALTER TABLE wallet_transaction ADD PRIMARY KEY (partner_id, player_id, wallet_sequence, line);
ALTER TABLE wallet_transaction ALTER COLUMN global_position SET NOT NULL;

-- 2. Axon's JDBC dead-letter queue (JdbcSequencedDeadLetterQueue, schema in ProjectionDeadLetters):
--    an event a projection cannot handle is parked here with its cause, and the later events of
--    the same wallet (its sequence) wait behind it, until an operator retries them. Times are
--    ISO-8601 text, as Axon writes them.
CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  PRIMARY KEY,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    time_stamp           VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(255),
    cause_message        VARCHAR(1023),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_entry_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);
CREATE INDEX dead_letter_entry_group ON dead_letter_entry (processing_group);

-- 3. A system account is the sum of many wallets' movements and can pass what a BIGINT holds (a
--    promo account granting for years), where the sum used to fail as "bigint out of range".
--    The view sums exactly, as NUMERIC.
DROP VIEW system_account_balance;
CREATE VIEW system_account_balance AS
SELECT partner_id, account, asset, SUM(amount_minor) AS balance_minor
FROM system_account_entry
GROUP BY partner_id, account, asset;
