package io.chipledger.api.play;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.core.asset.AmountFormat;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.Game;
import io.chipledger.projections.play.PlayLogProjection;
import io.chipledger.projections.play.PlayLogProjection.Play;
import io.chipledger.projections.play.PlayLogProjection.PlayQuery;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Reads the play log for the partner's and the admin's listings: the same filters, the same page. */
@Component
class PlayLog {

    static final int PAGE_SIZE_DEFAULT = 50;

    private final PlayLogProjection projection;
    private final AssetRegistry assets;

    PlayLog(PlayLogProjection projection, AssetRegistry assets) {
        this.projection = projection;
        this.assets = assets;
    }

    record AmountView(String asset, String amount) {
    }

    record PlayView(String transactionId, String transactionIdPartner, String playerId, String game, String configId,
                    AmountView stake, List<AmountView> rewards, Map<String, Object> outcome, String eventId, long position,
                    Instant playedAt) {
    }

    /** Newest first; {@code nextCursor} is null on the last page. */
    record PlayPage(List<PlayView> plays, Long nextCursor) {
    }

    PlayPage page(String partnerId, String playerId, String game, Instant from, Instant to, Long cursor, Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, PlayLogProjection.PAGE_SIZE_MAX);
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("from", "from must be before to");
        }
        Game wanted = game == null ? null : RequestFields.oneOf("game", game, Game.class);
        List<Play> plays = projection.plays(new PlayQuery(partnerId, playerId, wanted, from, to, cursor, pageSize));
        Long nextCursor = plays.size() == pageSize ? plays.get(plays.size() - 1).position() : null;
        return new PlayPage(plays.stream().map(this::view).toList(), nextCursor);
    }

    private PlayView view(Play play) {
        return new PlayView(play.transactionId(), play.partnerTransactionId(), play.playerId(), play.game().name(), play.configId(),
                amount(play.stake()), play.rewards().stream().map(this::amount).toList(), play.outcome(), play.activityEventId(),
                play.position(), play.playedAt());
    }

    private AmountView amount(AssetAmount amount) {
        return new AmountView(amount.asset(), AmountFormat.toDecimalString(amount.amountMinor(), assets.require(amount.asset())));
    }
}
