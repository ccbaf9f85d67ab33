package io.chipledger.api.activity;

import io.chipledger.api.idempotency.IdempotencyKeyReusedException;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.core.profile.ActivitySource;
import io.chipledger.core.profile.ActivityType;
import io.chipledger.core.profile.PlayerProfileId;
import io.chipledger.core.wallet.FundsDepositedEvent;
import io.chipledger.core.wallet.PlayRecordedEvent;
import io.chipledger.core.wallet.WalletId;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The wallet's plays and deposits, recorded as the player's activity (a play of its game, a
 * CHARGE). A play counts under its {@code event_id}, so a partner that also reports it as
 * activity with the same id counts it once; a deposit under an id derived from its transaction.
 * Delivery is at least once, and the event id makes it exactly once. When the ledger is busy the
 * handler fails and the processor tries the event again; an event that fails for a reason of its
 * own is parked in the group's dead-letter queue (see DeadLetterConfiguration): no activity is
 * skipped.
 */
@Component
@ProcessingGroup(WalletActivityFeed.GROUP)
public class WalletActivityFeed {

    public static final String GROUP = "wallet-activity-feed";
    private static final Logger log = LoggerFactory.getLogger(WalletActivityFeed.class);

    private final ActivityRecorder recorder;

    WalletActivityFeed(ActivityRecorder recorder) {
        this.recorder = recorder;
    }

    @EventHandler
    void on(PlayRecordedEvent event, @Timestamp Instant at) {
        record(event.walletId(), event.activityEventId(), ActivityType.playOf(event.game()), event.transactionId(), at);
    }

    @EventHandler
    void on(FundsDepositedEvent event, @Timestamp Instant at) {
        String eventId = UUID.nameUUIDFromBytes(("deposit:" + event.walletId() + ":" + event.transactionId())
                .getBytes(StandardCharsets.UTF_8)).toString();
        record(event.walletId(), eventId, ActivityType.CHARGE, event.transactionId(), at);
    }

    private void record(WalletId wallet, String eventId, ActivityType type, String transactionId, Instant at) {
        try {
            recorder.record(new WalletCommands.Origin(wallet.partnerId(), "wallet", null, null), PlayerProfileId.of(wallet), eventId,
                    type, null, Map.of("transaction_id", transactionId), at, ActivitySource.WALLET, null);
        } catch (IdempotencyKeyReusedException usedForAnotherPlayer) {
            log.warn("event id {} of wallet {} (transaction {}) was already recorded for another player; not counted again",
                    eventId, wallet, transactionId);
        }
    }
}
