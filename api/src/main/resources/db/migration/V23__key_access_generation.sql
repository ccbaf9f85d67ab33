-- Every node caches the keys it has checked (KeyCache, issue 18). Any change to the tables the
-- keys are read from (a key issued or revoked, a partner suspended or reactivated, a settlement
-- policy changed, a rebuild's TRUNCATE) bumps one generation number in the same transaction.
-- Each request reads the number (one row, by its key) and a node whose cached keys are of an
-- older generation forgets them: a change counts on every node from the first request after it
-- committed. (A notification to each node's listener arrived up to 37 ms late under load: a
-- revoked key went on working on the other node for that long.) Statement-level triggers.
CREATE TABLE key_access_generation (
    id         SMALLINT PRIMARY KEY CHECK (id = 1),
    generation BIGINT   NOT NULL
);
INSERT INTO key_access_generation (id, generation) VALUES (1, 0);

CREATE FUNCTION key_access_changed() RETURNS trigger AS $$
BEGIN
    UPDATE key_access_generation SET generation = generation + 1 WHERE id = 1;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_key_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_key
    FOR EACH STATEMENT EXECUTE FUNCTION key_access_changed();
CREATE TRIGGER partner_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partner
    FOR EACH STATEMENT EXECUTE FUNCTION key_access_changed();
CREATE TRIGGER admin_key_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_key
    FOR EACH STATEMENT EXECUTE FUNCTION key_access_changed();
