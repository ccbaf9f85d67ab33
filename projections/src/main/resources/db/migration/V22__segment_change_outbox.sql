-- The newest segment the segment processor decided for each player whose segment changed,
-- waiting to be recorded in the ledger (issue 17): written with the processor's token, so none is
-- lost; removed once recorded, unless a newer decision replaced it meanwhile. One row per player,
-- so a replay or a rebuild leaves each player's final decision, which the ledger records only when
-- it differs from the segment it recorded last. `seq` keeps the order in which players first waited.
CREATE TABLE segment_change_outbox (
    seq            bigserial   NOT NULL UNIQUE,
    partner_id     text        NOT NULL,
    player_id      text        NOT NULL,
    segment        text        NOT NULL,
    rule_id        text        NOT NULL,
    rule_name      text        NOT NULL,
    reason         text        NOT NULL,
    cause_event_id text        NOT NULL,
    decided_at     timestamptz NOT NULL,
    PRIMARY KEY (partner_id, player_id)
);

-- A player's changes in the order they were decided: two changes of one event time (a first
-- deposit that makes a new player VIP) are told apart by it, not by their events' random ids.
ALTER TABLE player_segment_change ADD COLUMN seq bigserial;
