package io.chipledger.api.rewardpool;

import io.chipledger.api.command.BatchCommandRefusedException;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.api.wallet.WalletCommands.Step;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.core.CommandReceipt;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.rewardpool.DrawRewardCommand;
import io.chipledger.core.rewardpool.FairDraw;
import io.chipledger.core.rewardpool.RewardDrawReceipt;
import io.chipledger.core.wallet.ReceiveRewardCommand;
import io.chipledger.core.wallet.RewardSource;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.core.wallet.WalletReceipt;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

/**
 * One draw from a reward pool as the steps of an all-or-nothing chain ({@link WalletCommands#sendChain}):
 * the pool draws an item with a fresh seed, then the player's wallet pays the stake and receives
 * the item's reward, in one transaction under one key. The pool's draw endpoint uses it, and so
 * does a campaign whose reward is a draw, so a free draw is the same code path as a bought one.
 */
@Component
public class RewardDraws {

    /** The operation a player's draw is kept under with its key. */
    static final String OPERATION = "reward-draw";

    private final SecureRandom random = new SecureRandom();

    /**
     * The two steps of one draw: step 1 draws (the pool decides the item, and the stake when
     * {@code chargeStake}), step 2 moves the wallet as the draw decided, with {@code walletSource}
     * as what gave the reward ({@code DRAW} and the pool's id for a player's draw, the campaign for
     * a campaign's), and runs nothing for a blank drawn without a stake. The seed, 32 bytes of this
     * service's {@link SecureRandom}, is minted here, once for the chain, so a chain run again after a
     * lost race draws with the same seed.
     *
     * @param drawKey the idempotency key of the chain, recorded with the draw and the wallet's event
     */
    public List<Step> steps(String partnerId, String poolId, String playerId, String drawKey, boolean chargeStake, RewardSource walletSource) {
        WalletId wallet = WalletIds.of(partnerId, playerId);
        String seed = mintSeed();
        Step draw = (transactionId, before) -> new DrawRewardCommand(partnerId, poolId, transactionId, drawKey, wallet.playerId(), seed,
                chargeStake);
        Step credit = (transactionId, before) -> {
            RewardDrawReceipt drawn = drawIn(before);
            return drawn.movesMoney()
                    ? new ReceiveRewardCommand(wallet, transactionId, drawKey, walletSource, drawn.stake(), drawn.reward())
                    : null;
        };
        return List.of(draw, credit);
    }

    /** The draw of a chain made of {@link #steps}, with the wallet's receipt when the wallet was moved. */
    public static RewardDrawReceipt combined(List<CommandReceipt> receipts) {
        RewardDrawReceipt drawn = drawIn(receipts);
        CommandReceipt last = receipts.get(receipts.size() - 1);
        return last instanceof WalletReceipt wallet && drawn.movesMoney() ? drawn.credited(wallet) : drawn;
    }

    /**
     * What a refused chain of {@link #steps} is answered with: the step's own refusal (a closed or
     * exhausted pool, a stake the player cannot pay, a frozen wallet), and a pool that is not the
     * partner's as {@code unknown-reward-pool}, whether it exists for another partner or not at all.
     */
    public static RuntimeException refusal(BatchCommandRefusedException refused, String poolId) {
        if (refused.refusal() instanceof AggregateNotFoundException) {
            return unknownPool(poolId);
        }
        return refused.refusal();
    }

    static RuleViolation unknownPool(String poolId) {
        return new RuleViolation(RuleViolation.Rule.UNKNOWN_REWARD_POOL, "no reward pool " + poolId + " for this partner",
                Map.of("pool_id", poolId));
    }

    private static RewardDrawReceipt drawIn(List<CommandReceipt> receipts) {
        for (int index = receipts.size() - 1; index >= 0; index--) {
            if (receipts.get(index) instanceof RewardDrawReceipt drawn) {
                return drawn;
            }
        }
        throw new IllegalStateException("a draw's credit follows its draw in the chain");
    }

    private String mintSeed() {
        byte[] seed = new byte[FairDraw.SEED_BYTES];
        random.nextBytes(seed);
        return HexFormat.of().formatHex(seed);
    }
}
