-- Reward pools (issue 20), written in each pool command's transaction (the subscribing group
-- reward-pools): the pools as they stand, their items with what has been drawn of each, and one
-- row per draw keyed by the draw event's identity (the pool's aggregate id and sequence), so a
-- replay of the events writes every row once.
CREATE TABLE reward_pool (
    partner_id text NOT NULL,
    pool_id text NOT NULL,
    name text NOT NULL,
    stake_asset text,
    stake_minor bigint CHECK (stake_minor > 0),
    status text NOT NULL CHECK (status IN ('open', 'closed')),
    draws bigint NOT NULL DEFAULT 0 CHECK (draws >= 0),
    created_at timestamptz NOT NULL,
    created_by text,
    closed_at timestamptz,
    closed_by text,
    PRIMARY KEY (partner_id, pool_id)
);

CREATE TABLE reward_pool_item (
    partner_id text NOT NULL,
    pool_id text NOT NULL,
    item_order integer NOT NULL,
    item_id text NOT NULL,
    weight bigint NOT NULL CHECK (weight > 0),
    reward_asset text,
    reward_minor bigint CHECK (reward_minor > 0),
    -- NULL: no limit. A pool never gives out more of an item than it holds.
    stock bigint CHECK (stock > 0),
    drawn bigint NOT NULL DEFAULT 0 CHECK (drawn >= 0 AND (stock IS NULL OR drawn <= stock)),
    PRIMARY KEY (partner_id, pool_id, item_id),
    UNIQUE (partner_id, pool_id, item_order)
);

CREATE TABLE reward_draw (
    pool_key text NOT NULL,
    pool_sequence bigint NOT NULL,
    partner_id text NOT NULL,
    pool_id text NOT NULL,
    item_id text NOT NULL,
    player_id text NOT NULL,
    transaction_id text NOT NULL,
    transaction_id_partner text NOT NULL,
    seed text NOT NULL,
    roll bigint NOT NULL,
    total_weight bigint NOT NULL,
    drawn_at timestamptz NOT NULL,
    PRIMARY KEY (pool_key, pool_sequence)
);

-- A pool's draws, newest first.
CREATE INDEX reward_draw_pool ON reward_draw (partner_id, pool_id, pool_sequence DESC);
