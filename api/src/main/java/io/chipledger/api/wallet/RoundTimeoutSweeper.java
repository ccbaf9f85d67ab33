package io.chipledger.api.wallet;

import io.chipledger.api.LedgerProperties;
import io.chipledger.api.job.Job;
import io.chipledger.api.job.JobSweep;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.wallet.TimeOutRoundCommand;
import io.chipledger.projections.round.OpenRoundProjection;
import io.chipledger.projections.round.OpenRoundProjection.IdleRound;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Closes game rounds nothing happened in for {@code chipledger.round-timeout} (issue 11), so a
 * provider that never closes its lost rounds cannot fill a wallet with open rounds and lock it.
 * The close is a wallet command ({@link TimeOutRoundCommand}) keyed by the round, so nodes may
 * sweep at once: the first close wins and the others get its outcome. The wallet checks the time
 * itself; a round that had activity since the read model saw it is refused and swept later.
 *
 * <p>A round that cannot be closed is parked ({@link ParkedJobItems}, job {@code round-timeout})
 * and left out of later sweeps until an operator retries it, so it never holds up the rounds
 * behind it. Each sweep also removes the read model's closed rounds.
 */
@Component
class RoundTimeoutSweeper {

    static final int CLOSES_PER_SWEEP_MAX = 200;
    static final Job JOB = Job.ROUND_TIMEOUT;
    private static final Logger log = LoggerFactory.getLogger(RoundTimeoutSweeper.class);

    private final OpenRoundProjection rounds;
    private final WalletCommands commands;
    private final ParkedJobItems parked;
    private final Clock clock;
    private final Duration timeout;

    RoundTimeoutSweeper(OpenRoundProjection rounds, WalletCommands commands, ParkedJobItems parked, Clock clock,
                        LedgerProperties properties) {
        this.rounds = rounds;
        this.commands = commands;
        this.parked = parked;
        this.clock = clock;
        this.timeout = properties.roundTimeout();
    }

    /**
     * One sweep: at most {@link #CLOSES_PER_SWEEP_MAX} idle rounds, longest idle first, none of
     * them parked. Synchronized so a node never runs two sweeps over the same rounds at once.
     */
    @Scheduled(fixedDelayString = "${chipledger.round-timeout-sweep:PT30S}")
    synchronized void closeIdleRounds() {
        Instant startedAt = clock.instant();
        JobSweep.run(JOB, parked, startedAt, rounds.idleRounds(startedAt.minus(timeout), CLOSES_PER_SWEEP_MAX, JOB.jobName()),
                CLOSES_PER_SWEEP_MAX, IdleRound::itemKey, this::close, this::park);
        rounds.purgeClosed(startedAt);
    }

    /** The close's key, derived from the wallet, game and round at a fixed length (round ids repeat across players). */
    static String timeoutKey(IdleRound round) {
        return RequestFields.ROUND_TIMEOUT_KEY_PREFIX
                + UUID.nameUUIDFromBytes(round.itemKey().getBytes(StandardCharsets.UTF_8));
    }

    private void close(IdleRound round) {
        String key = timeoutKey(round);
        WalletCommands.Origin origin = new WalletCommands.Origin(round.walletId().partnerId(), "system:round-timeout", "127.0.0.1", null);
        try {
            commands.send(origin, key, round.walletId(), "round-timeout", Map.of("game_id", round.gameId(), "round_id", round.roundId()),
                    transactionId -> new TimeOutRoundCommand(round.walletId(), transactionId, key, round.gameId(), round.roundId(),
                            clock.instant(), timeout));
        } catch (RuleViolation refused) {
            if (refused.rule() != RuleViolation.Rule.ROUND_CLOSED && refused.rule() != RuleViolation.Rule.ROUND_NOT_TIMED_OUT) {
                throw refused;
            }
            // Closed, or played in, since the read model saw it; the read model catches up on its own.
            log.debug("round {} was closed or played before it timed out: {}", round.itemKey(), refused.getMessage());
        }
    }

    /** Logged once, here: the parked round is left out of the sweeps until an operator retries it. */
    private void park(IdleRound round, RuntimeException failed) {
        int attempts = parked.park(JOB, round.itemKey(), Map.of("partner_id", round.walletId().partnerId(),
                "player_id", round.walletId().playerId(), "game_id", round.gameId(), "round_id", round.roundId()), failed);
        log.warn("parked idle round {} after {} failed attempt(s), until an operator retries it (POST /admin/v1/jobs/parked/{}/retry): {}",
                round.itemKey(), attempts, JOB.jobName(), failed.toString());
    }
}
