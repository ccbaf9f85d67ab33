-- Player segmentation (issue 17): each player's facts and segment, the segment's changes, and the
-- rules as the segment processor has read them from the events (its own copy, so that a rebuild
-- decides with the rules in force at each event, not with today's).
CREATE TABLE player_segment (
    partner_id text NOT NULL,
    player_id text NOT NULL,
    registered_at timestamptz NOT NULL,
    last_login_at timestamptz,
    last_charge_at timestamptz,
    last_active_at timestamptz,
    roulette_plays bigint NOT NULL,
    dice_plays bigint NOT NULL,
    lottery_plays bigint NOT NULL,
    play_seconds bigint NOT NULL,
    country text,
    deposited jsonb NOT NULL,
    withdrawn jsonb NOT NULL,
    staked jsonb NOT NULL,
    balances jsonb NOT NULL,
    segment text NOT NULL,
    rule_id text NOT NULL,
    rule_name text NOT NULL,
    segment_since timestamptz NOT NULL,
    decided_at timestamptz NOT NULL,
    PRIMARY KEY (partner_id, player_id)
);

CREATE INDEX player_segment_members ON player_segment (partner_id, segment, player_id);

-- One row per change, keyed by the event that caused it: a replay writes the same rows again.
CREATE TABLE player_segment_change (
    partner_id text NOT NULL,
    player_id text NOT NULL,
    event_id text NOT NULL,
    changed_at timestamptz NOT NULL,
    from_segment text,
    to_segment text NOT NULL,
    rule_id text NOT NULL,
    rule_name text NOT NULL,
    reason text NOT NULL,
    PRIMARY KEY (partner_id, player_id, event_id)
);

CREATE INDEX player_segment_change_by_time ON player_segment_change (partner_id, player_id, changed_at);

CREATE TABLE player_segment_rule (
    partner_id text NOT NULL,
    rule_id text NOT NULL,
    name text NOT NULL,
    segment text NOT NULL,
    priority integer NOT NULL,
    enabled boolean NOT NULL,
    condition jsonb NOT NULL,
    PRIMARY KEY (partner_id, rule_id)
);
