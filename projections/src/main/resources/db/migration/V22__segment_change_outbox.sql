-- Segment changes the segment processor decided, waiting to be recorded in the ledger as
-- segment.PlayerSegmentChangedEvent (issue 17): written with the processor's token, so none is
-- lost; removed once recorded. A rebuild does not empty it: a change decided again has the same id.
-- `seq` keeps the order in which they were decided, so a player's changes are recorded in order.
CREATE TABLE segment_change_outbox (
    seq            bigserial   PRIMARY KEY,
    change_id      text        NOT NULL UNIQUE,
    partner_id     text        NOT NULL,
    player_id      text        NOT NULL,
    from_segment   text,
    to_segment     text        NOT NULL,
    rule_id        text        NOT NULL,
    rule_name      text        NOT NULL,
    reason         text        NOT NULL,
    cause_event_id text        NOT NULL,
    changed_at     timestamptz NOT NULL
);
