-- Issue 15: the AML engine's per-player state and profile (a tracking projection, rebuildable),
-- the alerts it decided to raise until they are raised (an outbox, written with the engine's
-- token), and the alerts' read model (written in each alert command's transaction).

CREATE TABLE aml_player_profile (
    partner_id       text        NOT NULL,
    player_id        text        NOT NULL,
    -- Counted up at every write: the engine keeps a player's state in memory under it.
    revision         bigint      NOT NULL,
    score            smallint    NOT NULL CHECK (score BETWEEN 0 AND 100),
    risk_level       text        NOT NULL,
    first_seen_at    timestamptz,
    last_activity_at timestamptz,
    country          text,
    login_country    text,
    scored           bigint      NOT NULL,
    factors          jsonb       NOT NULL,
    PRIMARY KEY (partner_id, player_id)
);

-- The movements the rules look back over (31 days of each player's), appended one row each;
-- older ones are deleted by the engine as event time moves on.
CREATE TABLE aml_movement (
    partner_id     text        NOT NULL,
    player_id      text        NOT NULL,
    at             timestamptz NOT NULL,
    kind           text        NOT NULL,
    currency       text        NOT NULL,
    amount_minor   bigint      NOT NULL CHECK (amount_minor > 0),
    transaction_id text        NOT NULL
);
CREATE INDEX aml_movement_player ON aml_movement (partner_id, player_id, at);
CREATE INDEX aml_movement_at ON aml_movement (at);

CREATE TABLE aml_alert_outbox (
    alert_id        text        PRIMARY KEY,
    command         jsonb       NOT NULL,
    enqueued_at     timestamptz NOT NULL DEFAULT now(),
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text
);
CREATE INDEX aml_alert_outbox_due ON aml_alert_outbox (next_attempt_at);

CREATE TABLE aml_alert (
    alert_id         text        PRIMARY KEY,
    partner_id       text        NOT NULL,
    player_id        text        NOT NULL,
    type             text        NOT NULL,
    severity         text        NOT NULL,
    severity_rank    smallint    NOT NULL,
    score            smallint    NOT NULL,
    factors          jsonb       NOT NULL,
    transaction_id   text,
    status           text        NOT NULL,
    assignee         text,
    report_reference text,
    raised_at        timestamptz NOT NULL,
    raised_by        text,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX aml_alert_partner_raised ON aml_alert (partner_id, raised_at DESC, alert_id);
CREATE INDEX aml_alert_raised ON aml_alert (raised_at DESC, alert_id);
CREATE INDEX aml_alert_player ON aml_alert (partner_id, player_id, raised_at DESC);

-- Every step of an alert's workflow, with who took it: the investigation's record.
CREATE TABLE aml_alert_step (
    alert_id  text        NOT NULL,
    sequence  bigint      NOT NULL,
    at        timestamptz NOT NULL,
    actor     text,
    step      text        NOT NULL,
    detail    text,
    PRIMARY KEY (alert_id, sequence)
);
