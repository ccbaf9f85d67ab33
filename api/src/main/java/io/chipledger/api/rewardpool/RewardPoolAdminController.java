package io.chipledger.api.rewardpool;

import static io.chipledger.core.admin.AdminRole.MARKETING;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.rewardpool.RewardPoolRequests.AmountRequest;
import io.chipledger.api.rewardpool.RewardPoolRequests.ItemRequest;
import io.chipledger.api.rewardpool.RewardPoolRequests.PoolRequest;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.rewardpool.CloseRewardPoolCommand;
import io.chipledger.core.rewardpool.CreateRewardPoolCommand;
import io.chipledger.core.rewardpool.InvalidRewardPoolException;
import io.chipledger.core.rewardpool.RewardPool;
import io.chipledger.core.rewardpool.RewardPoolDefinition;
import io.chipledger.core.rewardpool.RewardPoolItem;
import io.chipledger.core.wallet.AssetAmount;
import io.chipledger.projections.rewardpool.RewardPoolProjection;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's reward pools for its staff (issue 20; roles {@code marketing} and {@code ops} write,
 * {@code support} reads): make one, list them, show one with its odds and how many times each
 * item was drawn, close one. Every change is an event of the pool naming the admin key. A pool is
 * checked whole before anything is stored. Errors: 400 {@code invalid-request} naming the field
 * ({@code items[2].weight}), {@code invalid-amount}, {@code unknown-currency}; 404
 * {@code unknown-partner} or {@code unknown-reward-pool}; 422 {@code reward-pools-limit}
 * ({@value #OPEN_POOLS_MAX} open pools a partner).
 */
@RestController
@RequestMapping("/admin/v1/partners/{partnerId}/reward-pools")
class RewardPoolAdminController {

    /** Open pools a partner may have: a catalogue staff can still read in one listing. Closing one makes room. */
    static final int OPEN_POOLS_MAX = 200;

    private final RewardPoolProjection pools;
    private final AdminCommands commands;
    private final KnownPartners partners;
    private final AssetRegistry assets;
    private final SecureRandom random = new SecureRandom();

    RewardPoolAdminController(RewardPoolProjection pools, AdminCommands commands, KnownPartners partners, AssetRegistry assets) {
        this.pools = pools;
        this.commands = commands;
        this.partners = partners;
        this.assets = assets;
    }

    @Operation(operationId = "listRewardPools", summary = "A partner's reward pools, newest first (at most 500), without their items")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping
    RewardPoolResponses.Pools listRewardPools(@PathVariable String partnerId) {
        String partner = partners.require(partnerId);
        return new RewardPoolResponses.Pools(pools.pools(partner).stream().map(pool -> RewardPoolResponses.Pool.of(pool, assets)).toList());
    }

    @Operation(operationId = "createRewardPool", summary = "Make a reward pool: weighted items, each with an optional reward and stock, "
            + "and an optional stake in a game token; checked whole before it is stored")
    @AdminAccess({MARKETING, OPS})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<RewardPoolResponses.Pool> createRewardPool(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                              @RequestBody PoolRequest body, HttpServletRequest http) {
        RewardPoolDefinition definition = definition(body);
        String partner = partners.require(partnerId);
        if (pools.openPools(partner) >= OPEN_POOLS_MAX) {
            throw new RuleViolation(RuleViolation.Rule.REWARD_POOLS_LIMIT, "a partner has at most " + OPEN_POOLS_MAX
                    + " open reward pools; close one first", Map.of("open_pools_max", OPEN_POOLS_MAX));
        }
        String poolId = "pool_" + HexFormat.of().toHexDigits(random.nextLong());
        commands.send(Origin.admin(admin, partner, http), new CreateRewardPoolCommand(partner, poolId, definition));
        return ResponseEntity.created(URI.create("/admin/v1/partners/" + partner + "/reward-pools/" + poolId)).body(stored(partner, poolId));
    }

    @Operation(operationId = "rewardPool", summary = "One reward pool: its items with their odds of the next draw, what is left of each "
            + "and how many times each was drawn")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/{poolId}")
    RewardPoolResponses.Pool rewardPool(@PathVariable String partnerId, @PathVariable String poolId) {
        String partner = partners.require(partnerId);
        return stored(partner, known(poolId));
    }

    @Operation(operationId = "closeRewardPool", summary = "Close a reward pool for good: no more draws; its odds and history stay readable. "
            + "A closed pool is 409 status-conflict")
    @AdminAccess({MARKETING, OPS})
    @PostMapping("/{poolId}/close")
    RewardPoolResponses.Pool closeRewardPool(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                             @PathVariable String poolId, HttpServletRequest http) {
        String partner = partners.require(partnerId);
        String id = known(poolId);
        // Another partner's pool and an unknown one are the same 404, before anything is sent.
        stored(partner, id);
        commands.send(Origin.admin(admin, partner, http), new CloseRewardPoolCommand(partner, id));
        return stored(partner, id);
    }

    /** A pool id from the path: 400 when it is not one (nothing is looked up). */
    static String known(String poolId) {
        if (!RewardPool.POOL_ID.matcher(poolId).matches()) {
            throw new InvalidRequestException("poolId", "poolId must be a reward pool's id: pool_ and 16 hex digits");
        }
        return poolId;
    }

    private RewardPoolResponses.Pool stored(String partnerId, String poolId) {
        return pools.pool(partnerId, poolId).map(pool -> RewardPoolResponses.Pool.of(pool, assets))
                .orElseThrow(() -> RewardDraws.unknownPool(poolId));
    }

    /** The body's pool, checked whole: 400 naming the first field that does not hold. */
    private RewardPoolDefinition definition(PoolRequest body) {
        if (body.items() != null && body.items().size() > RewardPoolDefinition.ITEMS_MAX) {
            throw new InvalidRequestException("items", "a pool has 1-" + RewardPoolDefinition.ITEMS_MAX + " items");
        }
        List<RewardPoolItem> items = new ArrayList<>();
        for (int index = 0; body.items() != null && index < body.items().size(); index++) {
            ItemRequest item = body.items().get(index);
            String field = "items[" + index + "]";
            if (item == null) {
                throw new InvalidRequestException(field, "an item is {item_id, weight, reward, stock}");
            }
            if (item.weight() == null) {
                throw new InvalidRequestException(field + ".weight", "an item's weight is required: a whole number from 1");
            }
            items.add(new RewardPoolItem(item.itemId(), item.weight(), amount(field + ".reward", item.reward()), item.stock()));
        }
        AssetAmount stake = body.stake() == null ? null
                : assets.tokenAmount("stake.asset", body.stake().asset(), required("stake.amount", body.stake().amount()));
        try {
            return new RewardPoolDefinition(body.name(), body.items() == null ? null : items, stake).validated();
        } catch (InvalidRewardPoolException refused) {
            throw new InvalidRequestException(refused.field(), refused.getMessage());
        }
    }

    private AssetAmount amount(String field, AmountRequest amount) {
        return amount == null ? null : assets.amount(field + ".asset", amount.asset(), required(field + ".amount", amount.amount()));
    }

    private static <T> T required(String field, T value) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        return value;
    }
}
