package io.chipledger.api.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The table "Limits" of docs/security.md, held to the service: for each row, a request at the
 * limit is not refused for that reason, and one just past it is answered as the row says and
 * stores nothing. Each row's first column names its probe here: a function of the partner and the
 * size to send.
 */
class LimitsTest extends LedgerApiTest {

    private static final Path SECURITY = Path.of("..", "docs", "security.md");
    private static final String PROBLEMS = "https://chipledger.dev/problems/";

    /** One row: the probe's name, the limit, and the status and problem type one past it. */
    record Limit(String name, int value, int status, String type) {
    }

    /** Whom a probe acts for: a fresh partner with a key holding every scope. */
    record Partner(String id, String apiKey) {
    }

    private final Map<String, BiFunction<Partner, Integer, Reply>> probes = Map.ofEntries(
            Map.entry("body-bytes", (partner, size) -> client.post(partner.apiKey(), "/api/v1/wallets/alice/deposits",
                    padded(deposit(UUID.randomUUID().toString(), "1.00"), size))),
            Map.entry("batch-body-bytes", (partner, size) -> client.post(partner.apiKey(), "/api/v1/batches",
                    padded("{\"commands\":[" + batchDeposit(0) + "]}", size))),
            Map.entry("batch-commands", (partner, count) -> client.post(partner.apiKey(), "/api/v1/batches", "{\"commands\":["
                    + IntStream.range(0, count).mapToObj(LimitsTest::batchDeposit).collect(Collectors.joining(",")) + "]}")),
            Map.entry("bulk-grant-players", (partner, count) -> client.admin("POST", "/admin/v1/partners/" + partner.id()
                    + "/token-grants/bulk", "{\"token_type\":\"LOTTERY_TICKET\",\"reason\":\"campaign\",\"transaction_id_partner\":\"bulk-1\","
                    + "\"grants\":[" + IntStream.range(0, count).mapToObj(i -> "{\"player_id\":\"p-" + i + "\",\"amount\":\"1\"}")
                    .collect(Collectors.joining(",")) + "]}")),
            Map.entry("play-rewards", (partner, count) -> client.post(partner.apiKey(), "/api/v1/wallets/alice/plays",
                    "{\"game\":\"DICE\",\"stake\":{\"token_type\":\"DICE_TOKEN\",\"amount\":\"1\"},\"rewards\":[" + String.join(",",
                            java.util.Collections.nCopies(count, "{\"asset\":\"CC_COIN\",\"amount\":\"1\"}")) + "],\"transaction_id_partner\":\"play-1\"}")),
            Map.entry("page-size", (partner, size) -> client.admin("GET", "/admin/v1/partners?limit=" + size, null)),
            Map.entry("transaction-id-length", (partner, length) -> client.post(partner.apiKey(), "/api/v1/wallets/alice/deposits",
                    deposit("t".repeat(length), "1.00"))),
            Map.entry("player-id-length", (partner, length) -> client.post(partner.apiKey(), "/api/v1/wallets/" + "p".repeat(length)
                    + "/deposits", deposit("dep-1", "1.00"))),
            Map.entry("game-id-length", (partner, length) -> client.post(partner.apiKey(), "/api/v1/wallets/alice/bets",
                    "{\"amount\":\"1.00\",\"currency\":\"USD\",\"game_id\":\"" + "g".repeat(length) + "\",\"round_id\":\"r-1\","
                            + "\"transaction_id_partner\":\"bet-1\"}")),
            Map.entry("reason-length", (partner, length) -> grant(partner, "r".repeat(length), "signup")),
            Map.entry("label-length", (partner, length) -> grant(partner, "welcome", "l".repeat(length))),
            Map.entry("partner-name-length", (partner, length) -> client.admin("POST", "/admin/v1/partners", "{\"name\":\""
                    + "n".repeat(length) + "\",\"type\":\"operator\",\"commission_rate\":\"0.05\",\"contact_email\":\"ops@limits.example\"}")),
            Map.entry("admin-key-name-length", (partner, length) -> revokedAfter(client.bootstrap("POST", "/admin/v1/admin-keys",
                    "{\"name\":\"" + "n".repeat(length) + "\",\"roles\":[\"support\"]}"))),
            Map.entry("free-form-bytes", (partner, bytes) -> activity(partner, "{\"k\":\"" + "x".repeat(bytes - 8) + "\"}")),
            Map.entry("fraction-digits", (partner, digits) -> client.post(partner.apiKey(), "/api/v1/wallets/alice/deposits",
                    deposit("dep-1", "1." + "0".repeat(digits)))),
            Map.entry("integer-digits", (partner, digits) -> client.post(partner.apiKey(), "/api/v1/wallets/alice/deposits",
                    deposit("dep-1", "1".repeat(digits)))),
            Map.entry("nesting-depth", (partner, depth) -> activity(partner, "{\"k\":" + "[".repeat(depth - 2) + "1"
                    + "]".repeat(depth - 2) + "}")),
            Map.entry("number-length", (partner, length) -> activity(partner, "{\"k\":1" + "0".repeat(length - 1) + "}")),
            Map.entry("campaign-name-length", (partner, length) -> campaign(partner, "n".repeat(length), "Hi {player_id}")),
            Map.entry("campaign-message-length", (partner, length) -> campaign(partner, "Welcome week", "m".repeat(length))),
            Map.entry("purchase-quantity", (partner, quantity) -> client.post(partner.apiKey(), "/api/v1/wallets/alice/purchases",
                    "{\"sku\":\"gem-pack\",\"quantity\":" + quantity + ",\"price\":{\"asset\":\"CC_COIN\",\"amount\":\"3\"},"
                            + "\"transaction_id_partner\":\"buy-1\"}")),
            Map.entry("coupon-code-length", (partner, length) -> coupon(partner, "C".repeat(length), 10, 1)),
            Map.entry("coupon-usage-limit", (partner, uses) -> coupon(partner, "USES-" + uses, uses, 1)),
            Map.entry("coupon-per-player-limit", (partner, uses) -> coupon(partner, "PER-PLAYER-" + uses, 1_000, uses)),
            Map.entry("reward-pool-items", (partner, count) -> client.admin("POST", "/admin/v1/partners/" + partner.id() + "/reward-pools",
                    "{\"name\":\"Limits\",\"items\":[{\"item_id\":\"prize\",\"weight\":1,\"reward\":{\"asset\":\"CC_COIN\",\"amount\":\"1\"}}"
                            + IntStream.range(1, count).mapToObj(i -> ",{\"item_id\":\"blank-" + i + "\",\"weight\":1}").collect(Collectors.joining())
                            + "]}")));

    @Test
    void everyLimitOfTheTableHasAProbeAndEveryProbeARow() {
        assertThat(limits().stream().map(Limit::name).toList()).containsExactlyInAnyOrderElementsOf(probes.keySet());
    }

    @TestFactory
    Stream<DynamicTest> atTheLimitIsReadAndOnePastItIsRefusedStoringNothing() {
        return limits().stream().map(limit -> DynamicTest.dynamicTest(limit.name() + " " + limit.value(), () -> {
            BiFunction<Partner, Integer, Reply> probe = probes.get(limit.name());
            String[] created = client.newPartner("wallet:read", "wallet:write", "reports:read");
            Partner partner = new Partner(created[0], created[1]);

            long head = StoredChanges.head(jdbc);
            long keys = StoredChanges.keys(jdbc, partner.id());
            Reply past = probe.apply(partner, limit.value() + 1);
            assertThat(past.status()).as("one past the limit: %s", past.raw()).isEqualTo(limit.status());
            assertThat(past.text("type")).as(past.raw()).isEqualTo(PROBLEMS + limit.type());
            assertThat(StoredChanges.eventsSince(jdbc, head, partner.id())).as("events stored by the refusal").isEmpty();
            assertThat(StoredChanges.keys(jdbc, partner.id())).as("idempotency keys stored by the refusal").isEqualTo(keys);

            Reply at = probe.apply(partner, limit.value());
            // A 503 at the limit is allowed only as the documented retryable ledger-busy: a bulk grant of 200 players
            // pauses the wallets' lanes, and on a loaded machine they may not all pause within the bound.
            assertThat(at.status() < 500 || (PROBLEMS + "ledger-busy").equals(at.text("type"))).as("at the limit: %s", at.raw()).isTrue();
            assertThat(at.status() == limit.status() && (PROBLEMS + limit.type()).equals(at.text("type")))
                    .as("at the limit, refused as past it: %s", at.raw()).isFalse();
        }));
    }

    /** The rows of the table after the {@code <!-- limits -->} mark. */
    static List<Limit> limits() {
        List<String> lines;
        try {
            lines = Files.readAllLines(SECURITY);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + SECURITY, e);
        }
        List<Limit> limits = new ArrayList<>();
        for (String line : lines.subList(lines.indexOf("<!-- limits -->") + 3, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|");
            String[] answer = cells[3].strip().split(" ");
            limits.add(new Limit(cells[1].strip().replace("`", ""), Integer.parseInt(cells[2].strip()), Integer.parseInt(answer[0]),
                    answer[1].replace("`", "")));
        }
        return limits;
    }

    private Reply coupon(Partner partner, String code, int usageLimit, int perPlayerLimit) {
        return client.admin("POST", "/admin/v1/partners/" + partner.id() + "/coupons", "{\"code\":\"" + code + "\",\"kind\":\"fixed\","
                + "\"asset\":\"USD\",\"amount\":\"1.00\",\"expires_at\":\"" + java.time.Instant.now().plusSeconds(86_400).truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS) + "\",\"usage_limit\":" + usageLimit + ",\"per_player_limit\":" + perPlayerLimit + "}");
    }

    private Reply campaign(Partner partner, String name, String messageTemplate) {
        java.time.Instant start = java.time.Instant.now().plus(java.time.Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return client.admin("POST", "/admin/v1/partners/" + partner.id() + "/campaigns", "{\"name\":\"" + name + "\",\"segment\":\"NEW\","
                + "\"starts_at\":\"" + start + "\",\"ends_at\":\"" + start.plus(java.time.Duration.ofDays(7)) + "\",\"reward\":{"
                + "\"kind\":\"token_grant\",\"asset\":\"CC_COIN\",\"amount\":\"1\"},\"message_template\":\"" + messageTemplate + "\"}");
    }

    private static String deposit(String transactionId, String amount) {
        return "{\"amount\":\"" + amount + "\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + transactionId + "\"}";
    }

    private static String batchDeposit(int index) {
        return "{\"operation\":\"deposit\",\"player_id\":\"p-" + index + "\",\"amount\":\"1.00\",\"currency\":\"USD\","
                + "\"transaction_id_partner\":\"batch-" + index + "\"}";
    }

    /** {@code json} with spaces before its last brace, to exactly {@code bytes} bytes. */
    private static String padded(String json, int bytes) {
        return json.substring(0, json.length() - 1) + " ".repeat(bytes - json.length()) + "}";
    }

    private Reply grant(Partner partner, String reason, String label) {
        return client.admin("POST", "/admin/v1/partners/" + partner.id() + "/wallets/alice/token-grants", "{\"token_type\":\"DICE_TOKEN\","
                + "\"amount\":\"1\",\"reason\":\"" + reason + "\",\"label\":\"" + label + "\",\"transaction_id_partner\":\"grant-1\"}");
    }

    private Reply activity(Partner partner, String meta) {
        return client.post(partner.apiKey(), "/api/v1/players/alice/activities", "{\"event_type\":\"LOGIN\",\"event_id\":\""
                + UUID.randomUUID() + "\",\"meta\":" + meta + "}");
    }

    /** An admin key issued at the limit is revoked at once: the operator's live admin keys are bounded and shared by every test. */
    private Reply revokedAfter(Reply issued) {
        if (issued.status() == 201) {
            client.bootstrap("DELETE", "/admin/v1/admin-keys/" + issued.text("key_id"), null);
        }
        return issued;
    }
}
