-- Issue 13: the hash chain covers every column (version 2, see EventHashChain), each aggregate's
-- chain head is kept apart from its events, and checkpoints seal the whole store.

-- A version 2 event's link; null for events stored before this upgrade (their link is in meta_data).
ALTER TABLE domain_event_entry ADD COLUMN event_hash CHAR(64);

-- From which global position each chain version is used. Events before version 2's position keep
-- version 1; every event at or after it must be version 2 (a downgrade is found by the verifier).
CREATE TABLE event_chain_upgrade (
    version        INTEGER PRIMARY KEY,
    first_position BIGINT  NOT NULL
);
INSERT INTO event_chain_upgrade (version, first_position)
SELECT 2, coalesce(max(global_index), 0) + 1 FROM domain_event_entry;

-- Each aggregate's newest link, moved in the transaction that appends: removing an aggregate's
-- newest events leaves its chain shorter than its head, which the verifier finds.
CREATE TABLE event_chain_head (
    aggregate_identifier VARCHAR(255) PRIMARY KEY,
    sequence_number      BIGINT       NOT NULL,
    event_hash           CHAR(64)     NOT NULL
);
INSERT INTO event_chain_head (aggregate_identifier, sequence_number, event_hash)
SELECT aggregate_identifier, sequence_number, link
FROM (SELECT DISTINCT ON (aggregate_identifier) aggregate_identifier, sequence_number,
             convert_from(meta_data, 'UTF8')::jsonb ->> 'event_hash' AS link
      FROM domain_event_entry
      ORDER BY aggregate_identifier, sequence_number DESC) AS newest
WHERE link IS NOT NULL;

-- Checkpoint k seals every event's link in (previous_position, position], following checkpoint
-- k-1 (ChainCheckpoint has the formula). An auditor keeps copies outside the database.
CREATE TABLE chain_checkpoint (
    position          BIGINT      PRIMARY KEY,
    previous_position BIGINT      NOT NULL,
    events            BIGINT      NOT NULL,
    checkpoint_hash   CHAR(64)    NOT NULL,
    made_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- A verification's report also says how many checkpoints it recomputed, and what it could not compare.
ALTER TABLE audit_verification ADD COLUMN checkpoints_checked BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_verification ADD COLUMN notes TEXT;
