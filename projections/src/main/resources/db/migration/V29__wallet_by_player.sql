-- A player's wallets across partners (the console's support search, GET /admin/v1/players/{playerId}/wallets):
-- the wallet table's key starts with the partner, so finding one player id under every partner needs its own index.
CREATE INDEX wallet_by_player ON wallet (player_id, partner_id);
