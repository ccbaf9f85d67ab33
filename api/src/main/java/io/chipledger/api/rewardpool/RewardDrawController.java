package io.chipledger.api.rewardpool;

import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.command.BatchCommandRefusedException;
import io.chipledger.api.idempotency.AnswerForm;
import io.chipledger.api.idempotency.Answers;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.rewardpool.RewardPoolRequests.DrawRequest;
import io.chipledger.api.rewardpool.RewardPoolResponses.Amount;
import io.chipledger.api.rewardpool.RewardPoolResponses.DrawResponse;
import io.chipledger.api.security.PartnerAccess;
import io.chipledger.api.security.PartnerPrincipal;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.api.wallet.WalletResponses;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.core.rewardpool.RewardDrawReceipt;
import io.chipledger.core.wallet.RewardSource;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.rewardpool.RewardPoolProjection;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Players open a partner's reward pools (issue 20), and the partner publishes their odds. A draw
 * is the pool's event and the wallet's in one transaction under the partner's key: the item, the
 * stake paid and the reward credited, or nothing at all. Errors: 400 {@code invalid-request}; 404
 * {@code unknown-reward-pool} (another partner's pool as an unknown one); 409
 * {@code reward-pool-closed}, {@code reward-pool-exhausted} (no item left in stock),
 * {@code idempotency-key-reused}; 422 {@code insufficient-funds} (the stake); 423 {@code wallet-frozen}.
 */
@RestController
class RewardDrawController {

    private final RewardDraws draws;
    private final WalletCommands commands;
    private final Answers answers;
    private final WalletResponses wallets;
    private final AssetRegistry assets;
    private final RewardPoolProjection pools;

    RewardDrawController(RewardDraws draws, WalletCommands commands, Answers answers, WalletResponses wallets, AssetRegistry assets,
                         RewardPoolProjection pools) {
        this.draws = draws;
        this.commands = commands;
        this.answers = answers;
        this.wallets = wallets;
        this.assets = assets;
        this.pools = pools;
    }

    /** What a draw's idempotency key covers: the same key for another player or pool is another request (409). */
    record KeyedDraw(String playerId, String poolId) {
    }

    @Operation(operationId = "drawReward", summary = "A player opens a reward pool: pays its stake (if any), draws an item and is credited "
            + "its reward, all in one event pair under one key; a retry answers the same draw")
    @PartnerAccess(ApiScope.WALLET_WRITE)
    @PostMapping("/api/v1/players/{playerId}/reward-draws")
    ResponseEntity<DrawResponse> drawReward(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String playerId,
                                            @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String keyHeader,
                                            @RequestBody DrawRequest body, HttpServletRequest http) {
        WalletId wallet = WalletIds.of(partner.partnerId(), playerId);
        if (body.poolId() == null) {
            throw new InvalidRequestException("pool_id", "pool_id is required");
        }
        String poolId = RewardPoolAdminController.known(body.poolId());
        String key = RequestFields.idempotencyKey(body.transactionIdPartner(), keyHeader);
        AnswerForm<DrawResponse> form = new AnswerForm<>(DrawResponse.class, outcome -> {
            RewardDrawReceipt drawn = (RewardDrawReceipt) outcome.receipt();
            return new DrawResponse(drawn.transactionId(), drawn.poolId(), drawn.playerId(), key, drawn.itemId(),
                    Amount.of(drawn.reward(), assets), Amount.of(drawn.stake(), assets),
                    drawn.wallet() == null ? null : drawn.wallet().transactionId(),
                    drawn.wallet() == null ? null : wallets.money(drawn.wallet(), outcome.position(), outcome.processedAt()).balances(),
                    drawn.seed(), drawn.roll(), drawn.totalWeight(), outcome.position(), outcome.processedAt());
        });
        try {
            return answers.respond(commands.sendChain(WalletCommands.Origin.of(partner, http), key, RewardDraws.OPERATION,
                    new KeyedDraw(wallet.playerId(), poolId),
                    draws.steps(partner.partnerId(), poolId, wallet.playerId(), key, true, new RewardSource(RewardSource.Kind.DRAW, poolId)),
                    RewardDraws::combined, form), form);
        } catch (BatchCommandRefusedException refused) {
            throw RewardDraws.refusal(refused, poolId);
        }
    }

    @Operation(operationId = "rewardPoolOdds", summary = "A pool's published odds: each item's weight, probability in the next draw (exact "
            + "fraction and decimal) and remaining stock; with limited stock the odds are over the items still in stock")
    @PartnerAccess(ApiScope.WALLET_READ)
    @GetMapping("/api/v1/reward-pools/{poolId}")
    RewardPoolResponses.PublishedOdds rewardPoolOdds(@AuthenticationPrincipal PartnerPrincipal partner, @PathVariable String poolId) {
        String id = RewardPoolAdminController.known(poolId);
        return pools.pool(partner.partnerId(), id).map(pool -> RewardPoolResponses.PublishedOdds.of(pool, assets))
                .orElseThrow(() -> RewardDraws.unknownPool(id));
    }
}
