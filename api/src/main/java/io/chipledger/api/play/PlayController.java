package io.chipledger.api.play;

import io.chipledger.api.play.PlayRequests.PlayRequest;
import io.chipledger.api.play.PlayRequests.RewardRequest;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.api.wallet.WalletResponses;
import io.chipledger.api.wallet.WalletResponses.MoneyResponse;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.core.wallet.Game;
import io.chipledger.core.wallet.PlayerWallet;
import io.chipledger.core.wallet.RecordPlayCommand;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.play.PlayLogProjection;
import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner records the rounds its players play with game tokens, and reads their play log.
 * A round is one event: its stake and rewards are posted together or not at all.
 */
@RestController
@RequestMapping("/api/v1/wallets/{playerId}/plays")
class PlayController {

    private final WalletCommands commands;
    private final WalletResponses responses;
    private final AssetRegistry assets;
    private final PlayLog playLog;
    private final ConsistentReads consistentReads;

    PlayController(WalletCommands commands, WalletResponses responses, AssetRegistry assets, PlayLog playLog,
                   ConsistentReads consistentReads) {
        this.commands = commands;
        this.responses = responses;
        this.assets = assets;
        this.playLog = playLog;
        this.consistentReads = consistentReads;
    }

    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping
    ResponseEntity<MoneyResponse> play(@AuthenticationPrincipal PartnerPrincipal partner,
                                       @PathVariable String playerId,
                                       @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                       @RequestBody PlayRequest body, HttpServletRequest http) {
        WalletId wallet = WalletIds.of(partner.partnerId(), playerId);
        Game game = RequestFields.oneOf("game", body.game(), Game.class);
        String configId = RequestFields.optionalGameId("config_id", body.configId());
        if (body.stake() == null) {
            throw new InvalidRequestException("stake", "stake is required: {token_type, amount}");
        }
        AssetAmount stake = assets.tokenAmount("stake.token_type", body.stake().tokenType(), body.stake().amount());
        List<AssetAmount> rewards = rewardsOf(body.rewards());
        Map<String, Object> outcome = RequestFields.freeForm("outcome", body.outcome());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        String eventId = body.eventId() == null ? derivedEventId(wallet, key) : RequestFields.uuid("event_id", body.eventId());
        return commands.send(WalletCommands.Origin.of(partner, http), key,
                wallet, "play", body, transactionId -> new RecordPlayCommand(wallet, transactionId, key, game, configId, stake, rewards,
                        outcome, eventId), responses.money());
    }

    @PartnerAccess(ApiScope.WALLET_READ)
    @GetMapping
    PlayLog.PlayPage plays(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                           @RequestParam(required = false) String game, @RequestParam(required = false) Instant from,
                           @RequestParam(required = false) Instant to, @RequestParam(required = false) Long cursor,
                           @RequestParam(required = false) Integer limit,
                           @RequestParam(name = "consistent_with", required = false) Long consistentWith) {
        WalletId wallet = WalletIds.of(partner.partnerId(), playerId);
        consistentReads.prepare(PlayLogProjection.GROUP, consistentWith, wallet.toString());
        return playLog.page(partner.partnerId(), wallet.playerId(), game, from, to, cursor, limit);
    }

    private List<AssetAmount> rewardsOf(List<RewardRequest> requested) {
        if (requested == null) {
            return List.of();
        }
        if (requested.size() > PlayerWallet.PLAY_REWARDS_MAX) {
            throw new InvalidRequestException("rewards", "a play has at most " + PlayerWallet.PLAY_REWARDS_MAX + " rewards");
        }
        List<AssetAmount> rewards = new ArrayList<>();
        for (int index = 0; index < requested.size(); index++) {
            RewardRequest reward = requested.get(index);
            String field = "rewards[" + index + "]";
            if (reward == null) {
                throw new InvalidRequestException(field, "a reward is {asset, amount}");
            }
            rewards.add(assets.amount(field + ".asset", reward.asset(), reward.amount()));
        }
        return rewards;
    }

    /**
     * The activity id of a play sent without one: the same for every retry of the same play, and
     * apart from every other play of the partner.
     */
    static String derivedEventId(WalletId wallet, String partnerTransactionId) {
        return UUID.nameUUIDFromBytes(("play:" + wallet.partnerId() + ":" + partnerTransactionId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
