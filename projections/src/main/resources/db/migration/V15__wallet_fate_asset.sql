-- Issue 12: a repeated rollback answers like the first, in the bet's currency (WalletReceipt.asset).
-- A rolled-back bet's closure therefore keeps the bet's asset. Closures recorded before this
-- column have none: a rollback repeated under a new key for such a bet answers without a currency.
ALTER TABLE wallet_fate
    ADD COLUMN asset VARCHAR(32);
