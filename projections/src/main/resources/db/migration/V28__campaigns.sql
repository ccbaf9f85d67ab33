-- Campaigns (issue 20). The read model of the campaigns processor (rebuilt from the events): each
-- campaign as it stands, and one row per delivery, keyed by the delivery's event.
CREATE TABLE campaign (
    partner_id text NOT NULL,
    campaign_id text NOT NULL,
    name text NOT NULL,
    segment text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL,
    reward jsonb NOT NULL,
    message_template text NOT NULL,
    status text NOT NULL,
    cancel_reason text,
    created_at timestamptz NOT NULL,
    created_by text,
    changed_at timestamptz NOT NULL,
    changed_by text,
    PRIMARY KEY (partner_id, campaign_id)
);

-- The delivery job looks for campaigns to start, finish or deliver, across partners.
CREATE INDEX campaign_due ON campaign (status, starts_at, ends_at);

CREATE TABLE campaign_delivery (
    event_id text PRIMARY KEY,
    partner_id text NOT NULL,
    campaign_id text NOT NULL,
    player_id text NOT NULL,
    delivered_at timestamptz NOT NULL,
    message text NOT NULL,
    -- A player is delivered once per campaign (the delivery's key decides it); a second row is a bug, refused loudly.
    UNIQUE (partner_id, campaign_id, player_id)
);

-- Written by the delivery job, not by the processor (a rebuild leaves them): how large the target
-- segment was at the job's last pass over a campaign, and the players whose delivery the wallet refused
-- (a frozen wallet), tried again an hour later while the campaign runs.
CREATE TABLE campaign_pass (
    partner_id text NOT NULL,
    campaign_id text NOT NULL,
    segment_size bigint NOT NULL,
    passed_at timestamptz NOT NULL,
    PRIMARY KEY (partner_id, campaign_id)
);

CREATE TABLE campaign_skip (
    partner_id text NOT NULL,
    campaign_id text NOT NULL,
    player_id text NOT NULL,
    refusal text NOT NULL,
    detail text NOT NULL,
    attempts integer NOT NULL,
    first_skipped_at timestamptz NOT NULL,
    last_skipped_at timestamptz NOT NULL,
    PRIMARY KEY (partner_id, campaign_id, player_id)
);
