-- Who issued each receipt signing key (the acting admin key, as events record it). Keys issued
-- before admin identities existed were issued by the one shared admin key.
ALTER TABLE receipt_signing_key ADD COLUMN issued_by VARCHAR(100) NOT NULL DEFAULT 'admin-key:bootstrap';
ALTER TABLE receipt_signing_key ALTER COLUMN issued_by DROP DEFAULT;
