-- Issue 11: how a partner's game providers settle rounds (SettlementPolicy). Partners registered
-- before this column have no policy event in their history and settle SINGLE_WIN, the default.
-- The request path reads it with the key (PartnerAccessProjection.keyByPrefix), no extra query.
ALTER TABLE partner
    ADD COLUMN settlement_policy VARCHAR(16) NOT NULL DEFAULT 'SINGLE_WIN'
        CHECK (settlement_policy IN ('SINGLE_WIN', 'MULTI_WIN'));
