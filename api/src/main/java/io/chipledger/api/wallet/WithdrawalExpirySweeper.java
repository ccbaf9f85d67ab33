package io.chipledger.api.wallet;

import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.ReleaseWithdrawalCommand;
import io.chipledger.core.wallet.WithdrawalRelease;
import io.chipledger.projections.wallet.WalletBalanceProjection.ExpiredWithdrawal;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Releases two-phase withdrawals nobody decided on before their deadline. Safe on several
 * nodes at once: each expiry is an idempotent command keyed by the withdrawal, so whichever
 * node sends it first wins and the others get the stored outcome.
 */
@Component
class WithdrawalExpirySweeper {

    static final int EXPIRIES_PER_SWEEP_MAX = 100;
    private static final Logger log = LoggerFactory.getLogger(WithdrawalExpirySweeper.class);

    private final WalletBalanceProjection balances;
    private final WalletCommands commands;
    private final Clock clock;

    WithdrawalExpirySweeper(WalletBalanceProjection balances, WalletCommands commands, Clock clock) {
        this.balances = balances;
        this.commands = commands;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${chipledger.withdrawal-expiry-sweep:PT30S}")
    void releaseExpiredWithdrawals() {
        for (ExpiredWithdrawal expired : balances.expiredWithdrawals(clock.instant(), EXPIRIES_PER_SWEEP_MAX)) {
            try {
                release(expired);
            } catch (RuntimeException failed) {
                // One withdrawal that cannot be released must not hold up the ones behind it; it is tried again next sweep.
                log.warn("could not release expired withdrawal {} of wallet {}: {}", expired.withdrawalPartnerTransactionId(),
                        expired.walletId(), failed.toString());
            }
        }
    }

    /**
     * The expiry's key is derived from the withdrawal id at a fixed length: the id alone may be as
     * long as a key may be, so a prefix in front of it would not fit.
     */
    static String expiryKey(String withdrawalPartnerTransactionId) {
        return RequestFields.EXPIRY_KEY_PREFIX
                + UUID.nameUUIDFromBytes(withdrawalPartnerTransactionId.getBytes(StandardCharsets.UTF_8));
    }

    private void release(ExpiredWithdrawal expired) {
        String withdrawal = expired.withdrawalPartnerTransactionId();
        String key = expiryKey(withdrawal);
        WalletCommands.Origin origin = new WalletCommands.Origin(expired.walletId().partnerId(), "system:withdrawal-expiry", "127.0.0.1", null);
        try {
            commands.send(origin, key, expired.walletId(), "expire-withdrawal", Map.of("withdrawal", withdrawal),
                    transactionId -> new ReleaseWithdrawalCommand(expired.walletId(), transactionId, key, withdrawal, WithdrawalRelease.EXPIRED));
        } catch (RuleViolation alreadyDecided) {
            // Approved or released since the projection saw it; the projection catches up on its own.
            log.debug("withdrawal {} was decided before it expired: {}", withdrawal, alreadyDecided.getMessage());
        }
    }
}
