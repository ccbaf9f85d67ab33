-- Issue 10: items a background job could not process, set aside so that they cannot take the job's
-- whole batch every run (the withdrawal expiry sweep takes at most 100 per run, oldest first).
-- A row is parked while retry_requested_at is NULL: the job's selection skips it, health reports
-- DEGRADED and the gauge chipledger.jobs.parked counts it. An operator's retry sets
-- retry_requested_at and the job tries the item again; the row goes when the item goes through,
-- and is parked again (attempts + 1) when it fails again.
CREATE TABLE parked_job_item (
    job                VARCHAR(40)   NOT NULL,
    -- The job's own key of the item; the withdrawal expiry's is partner:player:withdrawal id.
    item_key           VARCHAR(300)  NOT NULL,
    -- What names the item to a person, as the job describes it.
    item               JSONB         NOT NULL,
    -- The last failure: the exception's class and message, cut to 1,000 characters.
    cause              VARCHAR(1000) NOT NULL,
    attempts           INT           NOT NULL CHECK (attempts > 0),
    first_failed_at    TIMESTAMPTZ   NOT NULL,
    last_failed_at     TIMESTAMPTZ   NOT NULL,
    retry_requested_at TIMESTAMPTZ,
    PRIMARY KEY (job, item_key)
);
