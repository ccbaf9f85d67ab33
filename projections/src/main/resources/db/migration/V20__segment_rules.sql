-- A partner's segment rules as they stand (issue 17), written in each rule command's transaction.
CREATE TABLE segment_rule (
    partner_id text NOT NULL,
    rule_id text NOT NULL,
    name text NOT NULL,
    segment text NOT NULL,
    priority integer NOT NULL,
    enabled boolean NOT NULL,
    condition jsonb NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text,
    updated_at timestamptz NOT NULL,
    updated_by text,
    PRIMARY KEY (partner_id, rule_id)
);

-- Evaluation order: priority, then the rule id for rules of equal priority.
CREATE INDEX segment_rule_order ON segment_rule (partner_id, priority, rule_id);
