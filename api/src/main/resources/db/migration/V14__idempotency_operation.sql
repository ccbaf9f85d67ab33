-- Issue 11: what each partner transaction id was used for (deposit, bet, win, ...), so a rollback
-- naming a transaction that is not a bet is told what it names. Null for keys claimed before.
ALTER TABLE idempotency_key ADD COLUMN operation VARCHAR(40);
