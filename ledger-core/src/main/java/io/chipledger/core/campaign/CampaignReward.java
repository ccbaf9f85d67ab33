package io.chipledger.core.campaign;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.chipledger.core.wallet.WalletId;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a campaign gives each player of its segment (issue 20), stored in its events with its
 * {@code kind}: a grant of game tokens ({@code token_grant}), a coupon issued to the player
 * ({@code coupon_issue}) or a draw from a reward pool ({@code pool_draw}). Each kind is delivered
 * its own way ({@link Delivery}: one method per kind, so a new kind cannot be forgotten where
 * rewards are delivered) and names the values its message can show ({@link #placeholders}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = CampaignReward.TokenGrant.class, name = "token_grant"),
        @JsonSubTypes.Type(value = CampaignReward.CouponIssue.class, name = "coupon_issue"),
        @JsonSubTypes.Type(value = CampaignReward.PoolDraw.class, name = "pool_draw")})
public sealed interface CampaignReward {

    /** The longest coupon code or pool id a reward names: {@code RewardSource}'s id length. */
    int REFERENCE_LENGTH_MAX = 64;
    /** The ids and codes a reward names: letters, digits, '_', '.', '-'. */
    Pattern REFERENCE = Pattern.compile("[A-Za-z0-9_.\\-]{1," + REFERENCE_LENGTH_MAX + "}");

    /** Delivers a reward to one player, one method per kind; {@code T} is what the delivery makes (the ledger's commands). */
    interface Delivery<T> {
        T tokenGrant(TokenGrant reward, WalletId player);

        T couponIssue(CouponIssue reward, WalletId player);

        T poolDraw(PoolDraw reward, WalletId player);
    }

    <T> T deliver(Delivery<T> delivery, WalletId player);

    /** The values a message template may name besides {@code {player_id}} and {@code {campaign_name}}. */
    Map<String, String> placeholders();

    /**
     * Game tokens from the partner's promo account.
     *
     * @param asset       a configured asset of kind TOKEN
     * @param amountMinor positive, in the asset's minor units
     * @param amount      the same amount as a decimal string in the asset's scale, as messages show it
     */
    record TokenGrant(String asset, long amountMinor, String amount) implements CampaignReward {

        public TokenGrant {
            if (asset == null || asset.isBlank()) {
                throw new IllegalArgumentException("a token grant names its asset");
            }
            if (amountMinor <= 0) {
                throw new IllegalArgumentException("a token grant is positive, got " + amountMinor);
            }
            if (amount == null || new BigDecimal(amount).signum() <= 0) {
                throw new IllegalArgumentException("a token grant shows its amount as a positive decimal");
            }
        }

        @Override
        public <T> T deliver(Delivery<T> delivery, WalletId player) {
            return delivery.tokenGrant(this, player);
        }

        @Override
        public Map<String, String> placeholders() {
            return Map.of("amount", amount, "asset", asset);
        }
    }

    /** A coupon of the partner, issued to the player. */
    record CouponIssue(String code) implements CampaignReward {

        public CouponIssue {
            requireReference(code, "a coupon issue's code");
        }

        @Override
        public <T> T deliver(Delivery<T> delivery, WalletId player) {
            return delivery.couponIssue(this, player);
        }

        @Override
        public Map<String, String> placeholders() {
            return Map.of("coupon_code", code);
        }
    }

    /** A draw from one of the partner's reward pools, paid for the player. */
    record PoolDraw(String poolId) implements CampaignReward {

        public PoolDraw {
            requireReference(poolId, "a pool draw's pool id");
        }

        @Override
        public <T> T deliver(Delivery<T> delivery, WalletId player) {
            return delivery.poolDraw(this, player);
        }

        @Override
        public Map<String, String> placeholders() {
            return Map.of("pool_id", poolId);
        }
    }

    private static void requireReference(String value, String what) {
        if (value == null || !REFERENCE.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " is 1-" + REFERENCE_LENGTH_MAX + " letters, digits, '_', '.' or '-'");
        }
    }
}
