package io.chipledger.api;

import io.chipledger.core.asset.Asset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Every setting of the service under {@code chipledger.*}, with its limit in the name.
 *
 * @param adminKey the admin API key; blank closes the admin API
 * @param dataDir where the embedded PostgreSQL keeps the ledger when no database is configured
 * @param embeddedDatabasePort the embedded PostgreSQL's port, fixed so an operator can look with psql
 * @param requestBodyBytesMax a larger request body is refused before it is read
 * @param consistencyWait how long a query with {@code consistent_with} waits for the projection
 * @param withdrawalExpiry how long a two-phase withdrawal stays reserved before it expires
 * @param assets the asset registry: code, kind and scale of every asset a wallet may hold
 */
@ConfigurationProperties("chipledger")
public record LedgerProperties(
        String adminKey,
        Path dataDir,
        int embeddedDatabasePort,
        int requestBodyBytesMax,
        Duration consistencyWait,
        Duration withdrawalExpiry,
        List<Asset> assets) {
}
