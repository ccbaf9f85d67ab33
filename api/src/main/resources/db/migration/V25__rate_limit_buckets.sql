-- Rate-limit buckets shared by every node (issue 19), kept by Bucket4j's PostgreSQL proxy manager
-- (select-for-update): one row a key or client address, its state serialised by Bucket4j, and
-- the instant (epoch milliseconds) after which a full bucket can be forgotten (RateLimitBuckets
-- deletes such rows). Not ledger data: losing the table only refills every bucket.
CREATE TABLE rate_limit_bucket (
    id         TEXT   PRIMARY KEY,
    state      BYTEA,
    expires_at BIGINT
);
CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
