package io.chipledger.analytics.clickhouse;

import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.PlayRecordedEvent;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The {@code plays} table: one row per free-to-play play (roulette, dice, lottery...): the game,
 * its configuration, the stake, the rewards (two arrays of the same length: assets and amounts in
 * minor units) and the outcome as the JSON the play recorded.
 */
public final class PlayRows {

    public static final SinkTable TABLE = new SinkTable("plays", List.of("event_id", "global_position", "occurred_at", "day", "partner_id",
            "player_id", "game", "config_id", "stake_asset", "stake_minor", "reward_assets", "reward_amounts_minor", "outcome",
            "transaction_id"));

    private PlayRows() {
    }

    static List<SinkRow> of(PlayRecordedEvent play, String eventId, Instant recordedAt) {
        List<Object> values = new java.util.ArrayList<>(List.of(recordedAt, recordedAt.atZone(ZoneOffset.UTC).toLocalDate(),
                play.walletId().partnerId(), play.walletId().playerId(), play.game().name(), text(play.configId())));
        values.add(play.stake() == null ? "" : play.stake().asset());
        values.add(play.stake() == null ? 0L : play.stake().amountMinor());
        values.add(play.rewards().stream().map(AssetAmount::asset).toList());
        values.add(play.rewards().stream().map(AssetAmount::amountMinor).toList());
        values.add(Json.of(play.outcome()));
        values.add(play.transactionId());
        return List.of(new SinkRow(TABLE, eventId, values));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
