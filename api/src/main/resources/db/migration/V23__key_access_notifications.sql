-- Every node caches the keys it has checked (KeyCache, issue 18). Any change to the tables the
-- keys are read from (a key issued or revoked, a partner suspended or reactivated, a settlement
-- policy changed, a rebuild's TRUNCATE) notifies every node as the change commits, and each node
-- forgets what it cached. Statement-level: one notification per statement, whatever it touched.
CREATE FUNCTION notify_key_access_changed() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('chipledger_key_access', TG_TABLE_NAME);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER api_key_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON api_key
    FOR EACH STATEMENT EXECUTE FUNCTION notify_key_access_changed();
CREATE TRIGGER partner_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON partner
    FOR EACH STATEMENT EXECUTE FUNCTION notify_key_access_changed();
CREATE TRIGGER admin_key_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON admin_key
    FOR EACH STATEMENT EXECUTE FUNCTION notify_key_access_changed();
