package io.chipledger.api.wallet;

import io.chipledger.api.job.Job;
import io.chipledger.api.job.JobSweep;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.ExpireWithdrawalCommand;
import io.chipledger.projections.wallet.WalletBalanceProjection.ExpiredWithdrawal;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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
 *
 * <p>A withdrawal that cannot be released is parked ({@link ParkedJobItems}, job
 * {@code withdrawal-expiry}) and left out of later sweeps until an operator retries it, so
 * failing withdrawals can never fill a sweep's batch and hold up the ones behind them.
 */
@Component
class WithdrawalExpirySweeper {

    static final int EXPIRIES_PER_SWEEP_MAX = 100;
    static final Job JOB = Job.WITHDRAWAL_EXPIRY;
    private static final Logger log = LoggerFactory.getLogger(WithdrawalExpirySweeper.class);

    private final WalletBalanceProjection balances;
    private final WalletCommands commands;
    private final ParkedJobItems parked;
    private final Clock clock;

    WithdrawalExpirySweeper(WalletBalanceProjection balances, WalletCommands commands, ParkedJobItems parked, Clock clock) {
        this.balances = balances;
        this.commands = commands;
        this.parked = parked;
        this.clock = clock;
    }

    /**
     * One sweep: at most {@link #EXPIRIES_PER_SWEEP_MAX} expired withdrawals, oldest first, none
     * of them parked. Synchronized so that a node never runs two sweeps over the same batch at
     * once (a sweep started by hand waits for the scheduled one); nodes may overlap, and the
     * idempotent expiry keeps that harmless.
     */
    @Scheduled(fixedDelayString = "${chipledger.withdrawal-expiry-sweep:PT30S}")
    synchronized void releaseExpiredWithdrawals() {
        Instant startedAt = clock.instant();
        JobSweep.run(JOB, parked, startedAt, balances.expiredWithdrawals(startedAt, EXPIRIES_PER_SWEEP_MAX, JOB.jobName()),
                EXPIRIES_PER_SWEEP_MAX, ExpiredWithdrawal::itemKey, this::release, this::park);
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
                    transactionId -> new ExpireWithdrawalCommand(expired.walletId(), transactionId, key, withdrawal, clock.instant()));
        } catch (RuleViolation refused) {
            if (refused.rule() != RuleViolation.Rule.WITHDRAWAL_ALREADY_DECIDED) {
                throw refused;
            }
            // Approved or released since the projection saw it; the projection catches up on its own.
            log.debug("withdrawal {} was decided before it expired: {}", withdrawal, refused.getMessage());
        }
    }

    /** Logged once, here: the parked withdrawal is left out of the sweeps until an operator retries it. */
    private void park(ExpiredWithdrawal expired, RuntimeException failed) {
        int attempts = parked.park(JOB, expired.itemKey(), Map.of("partner_id", expired.walletId().partnerId(),
                "player_id", expired.walletId().playerId(), "withdrawal_id", expired.withdrawalPartnerTransactionId()), failed);
        log.warn("parked expired withdrawal {} of wallet {} after {} failed attempt(s), until an operator retries it "
                        + "(POST /admin/v1/jobs/parked/{}/retry): {}", expired.withdrawalPartnerTransactionId(), expired.walletId(),
                attempts, JOB.jobName(), failed.toString());
    }
}
