package io.chipledger.api.books;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The money commands a workload sends, one record each, and the HTTP request each one is: the
 * wallet API with the partner's key, or the admin API (corrections and tokens need the role ops).
 * Keys are unique within a try and partners are new in every try, so no key is ever reused.
 */
final class Steps {

    private Steps() {
    }

    /** Fiat currencies have two decimals except the won; game tokens have none. */
    static String decimal(String asset, long amountMinor) {
        int scale = asset.equals("USD") || asset.equals("EUR") ? 2 : 0;
        return BigDecimal.valueOf(amountMinor, scale).toPlainString();
    }

    /** One HTTP request: {@code admin} says which key it carries. */
    record Request(boolean admin, String path, String body) {
    }

    /** One command of a workload, for one of the try's partners (by index). */
    sealed interface Step permits Deposit, Withdrawal, WithdrawalDecision, Bet, Win, Rollback, Adjustment, TokenGrant,
            TokenRevocation, BulkTokenGrant, Play, Purchase {

        int partner();

        String key();

        Request request(String partnerId);
    }

    record Deposit(int partner, String player, String key, String asset, long amountMinor) implements Step {
        public Request request(String partnerId) {
            return wallet(player, "/deposits", "{\"amount\":\"%s\",\"currency\":\"%s\",\"transaction_id_partner\":\"%s\"}"
                    .formatted(decimal(asset, amountMinor), asset, key));
        }
    }

    /** At once, or reserved ({@code twoPhase}) until a {@link WithdrawalDecision}. */
    record Withdrawal(int partner, String player, String key, String asset, long amountMinor, boolean twoPhase) implements Step {
        public Request request(String partnerId) {
            return wallet(player, "/withdrawals", "{\"amount\":\"%s\",\"currency\":\"%s\",\"transaction_id_partner\":\"%s\",\"mode\":\"%s\"}"
                    .formatted(decimal(asset, amountMinor), asset, key, twoPhase ? "two_phase" : "immediate"));
        }
    }

    /** {@code decision}: approve, reject or cancel the two-phase withdrawal {@code withdrawal}. */
    record WithdrawalDecision(int partner, String player, String key, String withdrawal, String decision) implements Step {
        public Request request(String partnerId) {
            return wallet(player, "/withdrawals/" + withdrawal + "/" + decision, "{\"transaction_id_partner\":\"%s\"}".formatted(key));
        }
    }

    record Bet(int partner, String player, String key, String asset, long amountMinor, String round) implements Step {
        public Request request(String partnerId) {
            return wallet(player, "/bets", "{\"amount\":\"%s\",\"currency\":\"%s\",\"game_id\":\"slots\",\"round_id\":\"%s\","
                    .formatted(decimal(asset, amountMinor), asset, round) + "\"transaction_id_partner\":\"%s\"}".formatted(key));
        }
    }

    /** Names its {@code bet}, or, when that is null, settles the round's open bets. */
    record Win(int partner, String player, String key, String asset, long amountMinor, String round, String bet) implements Step {
        public Request request(String partnerId) {
            String named = bet == null ? "" : ",\"bet_transaction_id_partner\":\"" + bet + "\"";
            return wallet(player, "/wins", "{\"amount\":\"%s\",\"currency\":\"%s\",\"game_id\":\"slots\",\"round_id\":\"%s\","
                    .formatted(decimal(asset, amountMinor), asset, round) + "\"transaction_id_partner\":\"%s\"%s}".formatted(key, named));
        }
    }

    record Rollback(int partner, String player, String key, String bet) implements Step {
        public Request request(String partnerId) {
            return wallet(player, "/rollbacks", "{\"transaction_id_partner\":\"%s\",\"rolled_back_transaction_id_partner\":\"%s\"}"
                    .formatted(key, bet));
        }
    }

    /** A signed correction by staff: negative debits the player. */
    record Adjustment(int partner, String player, String key, String asset, long signedMinor) implements Step {
        public Request request(String partnerId) {
            String amount = (signedMinor < 0 ? "-" : "") + decimal(asset, Math.abs(signedMinor));
            return admin(partnerId, "/wallets/" + player + "/adjustments",
                    "{\"amount\":\"%s\",\"currency\":\"%s\",\"reason\":\"correction\",\"transaction_id_partner\":\"%s\"}"
                            .formatted(amount, asset, key));
        }
    }

    record TokenGrant(int partner, String player, String key, String token, long amountMinor) implements Step {
        public Request request(String partnerId) {
            return admin(partnerId, "/wallets/" + player + "/token-grants", tokenBody(token, amountMinor, key));
        }
    }

    record TokenRevocation(int partner, String player, String key, String token, long amountMinor) implements Step {
        public Request request(String partnerId) {
            return admin(partnerId, "/wallets/" + player + "/token-revocations", tokenBody(token, amountMinor, key));
        }
    }

    /** One key for several players: all are granted, or none. */
    record BulkTokenGrant(int partner, List<String> players, String key, String token, long amountMinor) implements Step {
        public Request request(String partnerId) {
            String grants = players.stream().map(player -> "{\"player_id\":\"%s\",\"amount\":\"%d\"}".formatted(player, amountMinor))
                    .collect(Collectors.joining(","));
            return admin(partnerId, "/token-grants/bulk", "{\"token_type\":\"%s\",\"reason\":\"campaign\",\"label\":\"books\","
                    .formatted(token) + "\"transaction_id_partner\":\"%s\",\"grants\":[%s]}".formatted(key, grants));
        }
    }

    record Reward(String asset, long amountMinor) {
    }

    /** A free-to-play round: the stake token paid and every reward credited in one event. */
    record Play(int partner, String player, String key, String game, String stakeToken, long stakeMinor, List<Reward> rewards)
            implements Step {
        public Request request(String partnerId) {
            String paid = rewards.stream().map(reward -> "{\"asset\":\"%s\",\"amount\":\"%s\"}"
                    .formatted(reward.asset(), decimal(reward.asset(), reward.amountMinor()))).collect(Collectors.joining(","));
            return wallet(player, "/plays", "{\"game\":\"%s\",\"stake\":{\"token_type\":\"%s\",\"amount\":\"%d\"},\"rewards\":[%s],"
                    .formatted(game, stakeToken, stakeMinor, paid)
                    + "\"outcome\":{\"result\":\"%s\"},\"transaction_id_partner\":\"%s\"}".formatted(rewards.isEmpty() ? "LOSE" : "WIN", key));
        }
    }

    /** {@code priceMinor} is what the whole quantity costs. */
    record Purchase(int partner, String player, String key, int quantity, String asset, long priceMinor) implements Step {
        public Request request(String partnerId) {
            return wallet(player, "/purchases", "{\"sku\":\"gem-pack\",\"quantity\":%d,\"price\":{\"asset\":\"%s\",\"amount\":\"%s\"},"
                    .formatted(quantity, asset, decimal(asset, priceMinor)) + "\"transaction_id_partner\":\"%s\"}".formatted(key));
        }
    }

    private static Request wallet(String player, String path, String body) {
        return new Request(false, "/api/v1/wallets/" + player + path, body);
    }

    private static Request admin(String partnerId, String path, String body) {
        return new Request(true, "/admin/v1/partners/" + partnerId + path, body);
    }

    private static String tokenBody(String token, long amountMinor, String key) {
        return "{\"token_type\":\"%s\",\"amount\":\"%d\",\"reason\":\"promotion\",\"label\":\"books\",\"transaction_id_partner\":\"%s\"}"
                .formatted(token, amountMinor, key);
    }
}
