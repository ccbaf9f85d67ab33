-- One bet in the row-lock design: lock the wallet, debit it, record the transaction under a
-- unique idempotency key, all in one transaction (synchronous_commit on, as for ChipLedger).
\set wallet random(1, 10000)
BEGIN;
SELECT balance FROM wallet WHERE id = :wallet FOR UPDATE;
UPDATE wallet SET balance = balance - 100, version = version + 1 WHERE id = :wallet;
INSERT INTO wallet_transaction (wallet_id, idempotency_key, kind, amount, balance_after)
    SELECT :wallet, :client_id || '-' || md5(random()::text), 'bet', -100, balance FROM wallet WHERE id = :wallet;
END;
