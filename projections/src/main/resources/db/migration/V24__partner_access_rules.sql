-- Issue 19: a partner's keys are accepted only from its allow-listed addresses, each key is held
-- to a rate limit, and a key can be rotated with an overlap. The request path reads all of it
-- with the key (PartnerAccessProjection.keyByPrefix), so none of it costs another query.
--   ip_allow_list:   canonical CIDR blocks joined by ','; empty accepts any address
--   requests_per_second, burst: the partner's limit per key; NULL = the service's configured default
--   replaced_by:     the key a rotation issued in this key's place (its expires_at is the overlap's end)
ALTER TABLE partner ADD COLUMN ip_allow_list TEXT NOT NULL DEFAULT '';
ALTER TABLE partner ADD COLUMN requests_per_second INTEGER;
ALTER TABLE partner ADD COLUMN burst INTEGER;
ALTER TABLE api_key ADD COLUMN replaced_by TEXT;
