package io.chipledger.core.wallet;

import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * One round of a mini-game: the stake is paid and every reward credited together, or nothing is.
 * {@code outcome} is what the game reported, kept as it came; {@code activityEventId} is the
 * play's identity as player activity, so the play counts once however it is reported.
 */
public record RecordPlayCommand(
        @TargetAggregateIdentifier WalletId walletId,
        String transactionId,
        String partnerTransactionId,
        Game game,
        String configId,
        AssetAmount stake,
        List<AssetAmount> rewards,
        Map<String, Object> outcome,
        String activityEventId) {
}
