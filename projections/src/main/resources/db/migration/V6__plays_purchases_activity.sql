-- Issue 4 (tokens, plays, purchases, player activity).

-- A play moves several assets in one event (a stake in one token, rewards in others), so the
-- history keeps one line per asset of an event; every older event has the one line 0.
-- label: the campaign or page that granted or revoked tokens.
ALTER TABLE wallet_transaction ADD COLUMN line SMALLINT NOT NULL DEFAULT 0;
ALTER TABLE wallet_transaction ADD COLUMN label VARCHAR(100);
ALTER TABLE wallet_transaction DROP CONSTRAINT wallet_transaction_pkey;
ALTER TABLE wallet_transaction ADD PRIMARY KEY (transaction_id, line);
ALTER TABLE wallet_transaction DROP CONSTRAINT wallet_transaction_partner_id_player_id_wallet_sequence_key;
ALTER TABLE wallet_transaction ADD CONSTRAINT wallet_transaction_history UNIQUE (partner_id, player_id, wallet_sequence, line);

-- Play log (processing group play-log): one row per game round of every game, newest first by
-- global_position, which is also the listing's cursor.
CREATE TABLE play_log (
    transaction_id         VARCHAR(64)  PRIMARY KEY,
    partner_id             VARCHAR(64)  NOT NULL,
    player_id              VARCHAR(64)  NOT NULL,
    global_position        BIGINT       NOT NULL,
    partner_transaction_id VARCHAR(128) NOT NULL,
    game                   VARCHAR(16)  NOT NULL,
    config_id              VARCHAR(64),
    stake_asset            VARCHAR(32)  NOT NULL,
    stake_minor            BIGINT       NOT NULL CHECK (stake_minor > 0),
    -- [{"asset": "CC_COIN", "amount_minor": 50}, ...]
    rewards                JSONB        NOT NULL,
    -- What the game reported: segment and label (roulette), dice and sums and result (dice), prize (lottery)...
    outcome                JSONB        NOT NULL,
    activity_event_id      VARCHAR(36)  NOT NULL,
    played_at              TIMESTAMPTZ  NOT NULL
);
CREATE INDEX play_log_player ON play_log (partner_id, player_id, global_position DESC);
CREATE INDEX play_log_partner ON play_log (partner_id, global_position DESC);

-- Purchase history (processing group purchase-history).
CREATE TABLE purchase (
    transaction_id         VARCHAR(64)  PRIMARY KEY,
    partner_id             VARCHAR(64)  NOT NULL,
    player_id              VARCHAR(64)  NOT NULL,
    global_position        BIGINT       NOT NULL,
    partner_transaction_id VARCHAR(128) NOT NULL,
    sku                    VARCHAR(64)  NOT NULL,
    quantity               INTEGER      NOT NULL CHECK (quantity > 0),
    price_asset            VARCHAR(32)  NOT NULL,
    price_minor            BIGINT       NOT NULL CHECK (price_minor > 0),
    purchased_at           TIMESTAMPTZ  NOT NULL
);
CREATE INDEX purchase_player ON purchase (partner_id, player_id, global_position DESC);

-- Player activity (processing group player-activity): one row per player, the figures
-- segmentation reads. Times are when the player acted; profile_sequence is the newest profile
-- event counted, so an event is never counted twice.
CREATE TABLE player_activity (
    partner_id                  VARCHAR(64) NOT NULL,
    player_id                   VARCHAR(64) NOT NULL,
    last_login_at               TIMESTAMPTZ,
    last_charge_at              TIMESTAMPTZ,
    last_bonus_used_at          TIMESTAMPTZ,
    last_active_at              TIMESTAMPTZ NOT NULL,
    roulette_plays              BIGINT      NOT NULL DEFAULT 0,
    dice_plays                  BIGINT      NOT NULL DEFAULT 0,
    lottery_plays               BIGINT      NOT NULL DEFAULT 0,
    slot_plays                  BIGINT      NOT NULL DEFAULT 0,
    gacha_plays                 BIGINT      NOT NULL DEFAULT 0,
    crash_plays                 BIGINT      NOT NULL DEFAULT 0,
    total_play_duration_seconds BIGINT      NOT NULL DEFAULT 0,
    activities                  BIGINT      NOT NULL DEFAULT 0,
    profile_sequence            BIGINT      NOT NULL,
    PRIMARY KEY (partner_id, player_id)
);
