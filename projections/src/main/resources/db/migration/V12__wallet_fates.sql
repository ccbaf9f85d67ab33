-- Issue 11: the fate of every bet, round and two-phase withdrawal, for ever (FateChanges).
-- Written by the subscribing processing group wallet-fates, in the transaction of the command
-- that closed it; read by the wallet for what it no longer holds in memory (Fates). A closure is
-- final: the first one recorded for a subject stays.
CREATE TABLE wallet_fate (
    wallet_id  VARCHAR(129) NOT NULL,   -- partner_id:player_id
    subject    VARCHAR(16)  NOT NULL,   -- BET, ROUND or WITHDRAWAL
    subject_id VARCHAR(129) NOT NULL,   -- a bet's or withdrawal's partner transaction id, or game_id/round_id
    fate       VARCHAR(32)  NOT NULL,   -- SETTLED, ROLLED_BACK; WIN_MARKED_CLOSED, ALL_BETS_SETTLED, TIMED_OUT; APPROVED, ...
    closed_by  VARCHAR(64)  NOT NULL,   -- the ledger's transaction id of the event that closed it
    round_key  VARCHAR(129),            -- a bet's round, game_id/round_id (null for a rollback of a bet never seen)
    PRIMARY KEY (wallet_id, subject, subject_id)
);

-- Where the rebuild of wallet_fate from the events stands (FateRebuild): one row. A store that
-- already holds events when this migration runs is rebuilt at the next start, before commands.
CREATE TABLE wallet_fate_rebuild (
    id              SMALLINT    PRIMARY KEY CHECK (id = 1),
    rebuilt_through BIGINT      NOT NULL,   -- the global index of the last event applied; -1 for none
    complete        BOOLEAN     NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO wallet_fate_rebuild (id, rebuilt_through, complete)
SELECT 1, -1, NOT EXISTS (SELECT 1 FROM domain_event_entry);

-- Rounds not closed yet, and when anything last happened in them: what the round timeout sweeps
-- (RoundTimeoutSweeper). A tracking read model of wallet-balances; the wallet itself checks the
-- time before it closes a round.
CREATE TABLE open_round (
    partner_id       VARCHAR(64)  NOT NULL,
    player_id        VARCHAR(64)  NOT NULL,
    game_id          VARCHAR(64)  NOT NULL,
    round_id         VARCHAR(64)  NOT NULL,
    last_activity_at TIMESTAMPTZ  NOT NULL,
    closed           BOOLEAN      NOT NULL,
    PRIMARY KEY (partner_id, player_id, game_id, round_id)
);
CREATE INDEX open_round_due ON open_round (last_activity_at) WHERE NOT closed;
