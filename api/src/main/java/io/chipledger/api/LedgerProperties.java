package io.chipledger.api;

import io.chipledger.core.asset.Asset;
import io.chipledger.core.wallet.WalletState;
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
 * @param consistencyWaitersMax queries waiting for {@code consistent_with} at once on a node; one more is refused (503)
 * @param withdrawalExpiry how long a two-phase withdrawal stays reserved before it expires
 * @param roundTimeout a game round with no bet, win or rollback for this long is closed by the ledger (issue 11); 1 minute to 30 days
 * @param assets the asset registry: code, kind and scale of every asset a wallet may hold
 * @param groupCommit how wallet commands are grouped into transactions
 * @param walletsCachedMax wallets kept in memory between commands, least recently used dropped first
 */
@ConfigurationProperties("chipledger")
public record LedgerProperties(
        String adminKey,
        Path dataDir,
        int embeddedDatabasePort,
        int requestBodyBytesMax,
        Duration consistencyWait,
        int consistencyWaitersMax,
        Duration withdrawalExpiry,
        Duration roundTimeout,
        List<Asset> assets,
        GroupCommitSettings groupCommit,
        int walletsCachedMax) {

    public static final Duration ROUND_TIMEOUT_MIN = Duration.ofMinutes(1);
    public static final Duration ROUND_TIMEOUT_MAX = Duration.ofDays(30);

    public LedgerProperties {
        if (roundTimeout == null || roundTimeout.compareTo(ROUND_TIMEOUT_MIN) < 0 || roundTimeout.compareTo(ROUND_TIMEOUT_MAX) > 0) {
            throw new IllegalArgumentException("chipledger.round-timeout must be " + ROUND_TIMEOUT_MIN + " to " + ROUND_TIMEOUT_MAX
                    + ", got " + roundTimeout);
        }
    }

    /**
     * @param lanes wallets are spread over this many lanes, each committing one group at a time
     * @param batchCommandsMax a group holds at most this many commands
     * @param queuedCommandsMax a lane queues at most this many commands; past that a command is refused as busy
     * @param answerWaitMax a caller waits at most this long for its group to commit
     */
    public record GroupCommitSettings(int lanes, int batchCommandsMax, int queuedCommandsMax, Duration answerWaitMax) {

        public GroupCommitSettings {
            if (lanes < 1 || batchCommandsMax < 1 || queuedCommandsMax < 1) {
                throw new IllegalArgumentException("group commit needs at least one lane, command per group and queued command");
            }
            if (batchCommandsMax > WalletState.COMMANDS_PER_TRANSACTION_MAX) {
                // A wallet remembers the closures of one transaction until they are stored (WalletState).
                throw new IllegalArgumentException("batch-commands-max is at most " + WalletState.COMMANDS_PER_TRANSACTION_MAX);
            }
        }
    }
}
