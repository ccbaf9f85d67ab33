-- Issue 3 (performance). System account entries are keyed by the event's position in the store
-- (a BIGINT) instead of its 36-character event id: this key is written once per money event and
-- was the projection's largest index. The wallet-balances projection is rebuilt from the events:
-- its tables are emptied and its tokens removed, so it starts again from the first event.
DROP VIEW system_account_balance;
DROP TABLE system_account_entry;

CREATE TABLE system_account_entry (
    event_position BIGINT      NOT NULL,
    partner_id     VARCHAR(64) NOT NULL,
    account        VARCHAR(32) NOT NULL,
    asset          VARCHAR(32) NOT NULL,
    amount_minor   BIGINT      NOT NULL,
    PRIMARY KEY (event_position, account, asset)
);
CREATE INDEX system_account_entry_partner ON system_account_entry (partner_id, account, asset);

CREATE VIEW system_account_balance AS
SELECT partner_id, account, asset, SUM(amount_minor)::BIGINT AS balance_minor
FROM system_account_entry
GROUP BY partner_id, account, asset;

TRUNCATE wallet, wallet_balance, pending_withdrawal;
DELETE FROM token_entry WHERE processor_name = 'wallet-balances';

-- The unique (partner_id, player_id, wallet_sequence) already serves newest-first history reads,
-- scanned backwards; this second index on the same columns only cost a write per event.
DROP INDEX wallet_transaction_history;
