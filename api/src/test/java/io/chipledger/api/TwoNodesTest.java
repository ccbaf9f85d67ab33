package io.chipledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two service instances on one database, driving the same wallets at once: the event store's
 * unique sequence and the idempotency table arbitrate, so nothing is applied twice, nothing is
 * overdrawn, and each node's cached wallets stay honest.
 */
class TwoNodesTest {

    private static final int BETS_PER_NODE = 50;
    private static final int DUPLICATES_PER_NODE = 10;
    private static final int NEW_WALLETS = 30;

    private static ServiceInstance nodeA;
    private static ServiceInstance nodeB;

    @BeforeAll
    static void startTwoNodesOnOneDatabase() {
        int databasePort = ServiceInstance.freePort();
        nodeA = ServiceInstance.embedded("target/two-nodes-" + UUID.randomUUID(), databasePort);
        nodeB = ServiceInstance.onDatabaseOf(databasePort);
    }

    @AfterAll
    static void stopTheNodes() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void twoNodesShareWalletsWithoutDoubleApplyingOrOverdrawing() throws Exception {
        LedgerClient a = nodeA.client();
        LedgerClient b = nodeB.client();
        String[] partner = a.newPartner();
        // Both nodes load and cache the wallet before the race.
        a.deposit(partner[1], "nina", "30.00", "USD");
        b.deposit(partner[1], "nina", "20.00", "USD");

        List<Future<Reply>> replies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2 * (BETS_PER_NODE + DUPLICATES_PER_NODE));
        String duplicate = "{\"amount\":\"7.00\",\"currency\":\"EUR\",\"transaction_id_partner\":\"both-nodes\"}";
        for (int i = 0; i < BETS_PER_NODE; i++) {
            int bet = i;
            replies.add(pool.submit(() -> a.bet(partner[1], "nina", "1.00", "USD", "a-" + bet)));
            replies.add(pool.submit(() -> b.bet(partner[1], "nina", "1.00", "USD", "b-" + bet)));
        }
        for (int i = 0; i < DUPLICATES_PER_NODE; i++) {
            replies.add(pool.submit(() -> a.post(partner[1], "/api/v1/wallets/nina/deposits", duplicate)));
            replies.add(pool.submit(() -> b.post(partner[1], "/api/v1/wallets/nina/deposits", duplicate)));
        }
        List<Reply> done = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            done.add(reply.get(120, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        assertThat(done).allSatisfy(reply -> assertThat(reply.status()).as(reply.raw()).isIn(200, 422));
        List<Reply> duplicates = done.stream().filter(reply -> "EUR".equals(reply.text("currency"))).toList();
        assertThat(duplicates).hasSize(2 * DUPLICATES_PER_NODE);
        assertThat(duplicates.stream().map(Reply::raw).distinct()).hasSize(1);
        assertThat(duplicates.stream().filter(reply -> !reply.replayed())).hasSize(1);
        JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);
        String wallet = partner[0] + ":nina";
        assertThat(count(jdbc, wallet, "wallet.BetPlacedEvent")).isEqualTo(50);
        assertThat(count(jdbc, wallet, "wallet.FundsDepositedEvent")).isEqualTo(3);

        Reply fromA = a.deposit(partner[1], "nina", "0.01", "USD");
        Reply fromB = b.deposit(partner[1], "nina", "0.01", "USD");
        assertThat(fromA.text("balance")).isEqualTo("0.01");
        assertThat(fromB.text("balance")).isEqualTo("0.02");
    }

    /** Two nodes opening the same new wallets at once: one node's first event loses the race and its command is run again. */
    /**
     * Each node caches the keys it checked (KeyCache); a key revoked, a partner suspended or an
     * admin key revoked through one node is refused by the other on its very next request, however
     * warm its cache was (a notification-based cache let 6 in 100 such requests through).
     */
    @Test
    void aKeyRevokedOrAPartnerSuspendedOnOneNodeIsRefusedOnTheOtherAtOnce() {
        LedgerClient a = nodeA.client();
        LedgerClient b = nodeB.client();
        for (int round = 0; round < 20; round++) {
            String[] partner = a.newPartner();
            String[] second = a.newPartner();
            for (LedgerClient node : List.of(a, b, a, b)) {
                assertThat(node.deposit(partner[1], "kim", "1.00", "USD").status()).isEqualTo(200);
                assertThat(node.deposit(second[1], "kim", "1.00", "USD").status()).isEqualTo(200);
            }
            LedgerClient revoker = round % 2 == 0 ? a : b;
            LedgerClient other = revoker == a ? b : a;
            assertThat(revoker.admin("DELETE", "/admin/v1/partners/" + partner[0] + "/api-keys/" + partner[2], null).status()).isEqualTo(204);
            assertThat(other.deposit(partner[1], "kim", "1.00", "USD").status()).as("round %d, the other node", round).isEqualTo(401);
            assertThat(revoker.deposit(partner[1], "kim", "1.00", "USD").status()).as("round %d, the revoking node", round).isEqualTo(401);

            assertThat(other.admin("POST", "/admin/v1/partners/" + second[0] + "/suspend", "{\"reason\":\"review\"}").status()).isEqualTo(200);
            assertThat(revoker.deposit(second[1], "kim", "1.00", "USD").status()).as("round %d, suspended", round).isEqualTo(401);
            assertThat(other.deposit(second[1], "kim", "1.00", "USD").status()).as("round %d, suspended", round).isEqualTo(401);

            String[] staff = a.newAdminKey("staff " + round, "support");
            for (LedgerClient node : List.of(a, b)) {
                assertThat(node.send("GET", "/admin/v1/partners", null, "X-Admin-Key", staff[1]).status()).isEqualTo(200);
            }
            assertThat(revoker.admin("DELETE", "/admin/v1/admin-keys/" + staff[0], null).status()).isIn(200, 204);
            assertThat(other.send("GET", "/admin/v1/partners", null, "X-Admin-Key", staff[1]).status())
                    .as("round %d, a revoked admin key on the other node", round).isEqualTo(401);
        }
    }

    @Test
    void aKeysRateLimitAndAllowListHoldAcrossBothNodes() {
        LedgerClient a = nodeA.client();
        LedgerClient b = nodeB.client();
        String[] partner = a.newPartner();
        assertThat(b.admin("PUT", "/admin/v1/partners/" + partner[0] + "/rate-limit", "{\"requests_per_second\":2,\"burst\":10}")
                .status()).isEqualTo(200);
        long started = System.nanoTime();
        int accepted = 0;
        for (int i = 0; i < 40; i++) {
            int status = (i % 2 == 0 ? a : b).get(partner[1], "/api/v1/wallets/nobody").status();
            assertThat(status).isIn(404, 429);
            accepted += status == 404 ? 1 : 0;
        }
        long seconds = 1 + Duration.ofNanos(System.nanoTime() - started).toSeconds();
        // One bucket in PostgreSQL: its burst and refill, whichever node asks; a bucket on each node would take 20 or more.
        assertThat(accepted).isBetween(10, (int) (10 + 2 * seconds));

        assertThat(a.admin("PUT", "/admin/v1/partners/" + partner[0] + "/ip-allow-list",
                "{\"cidrs\":[\"203.0.113.0/24\"],\"reason\":\"egress\"}").status()).isEqualTo(200);
        assertThat(b.send("GET", "/api/v1/wallets/nobody", null, "X-API-Key", partner[1], "X-Forwarded-For", "198.51.100.1").status())
                .as("the allow-list set on one node, on the other at once").isEqualTo(403);
    }

    @Test
    void twoNodesOpeningTheSameNewWalletsAtOnceBothSucceed() throws Exception {
        LedgerClient a = nodeA.client();
        LedgerClient b = nodeB.client();
        String[] partner = a.newPartner();
        ExecutorService pool = Executors.newFixedThreadPool(4 * NEW_WALLETS);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Reply>> replies = new ArrayList<>();
        for (int wallet = 0; wallet < NEW_WALLETS; wallet++) {
            String player = "new-" + wallet;
            for (LedgerClient node : List.of(a, b, a, b)) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return node.deposit(partner[1], player, "1.00", "USD");
                }));
            }
        }
        start.countDown();
        List<Reply> done = new ArrayList<>();
        for (Future<Reply> reply : replies) {
            done.add(reply.get(120, TimeUnit.SECONDS));
        }
        pool.shutdownNow();

        assertThat(done).allSatisfy(reply -> assertThat(reply.status()).as(reply.raw()).isEqualTo(200));
        JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);
        for (int wallet = 0; wallet < NEW_WALLETS; wallet++) {
            assertThat(count(jdbc, partner[0] + ":new-" + wallet, "wallet.FundsDepositedEvent")).isEqualTo(4);
        }
    }

    /**
     * A node decides on what the store holds, not on a wallet it cached before the other node
     * changed it: a freeze is applied though this node last saw the wallet frozen, and a bet is
     * paid from funds the other node deposited. Decisions that append nothing never lose a race,
     * so only looking at the store finds them stale.
     */
    @Test
    void aNodeDecidesOnTheWalletTheOtherNodeChangedNotOnItsCachedCopy() {
        LedgerClient a = nodeA.client();
        LedgerClient b = nodeB.client();
        String[] partner = a.newPartner();
        String[] ops = a.newAdminKey("two-nodes-ops", "ops");
        String wallet = "/admin/v1/partners/" + partner[0] + "/wallets/zoe";
        a.deposit(partner[1], "zoe", "100.00", "USD");
        assertThat(a.send("POST", wallet + "/freeze", "{\"reason\":\"aml 1\"}", "X-Admin-Key", ops[1], "Idempotency-Key", "f1").status())
                .isEqualTo(200);
        assertThat(b.send("POST", wallet + "/unfreeze", "{\"reason\":\"cleared\"}", "X-Admin-Key", ops[1], "Idempotency-Key", "u1")
                .status()).isEqualTo(200);

        Reply freezeAgain = a.send("POST", wallet + "/freeze", "{\"reason\":\"aml 2\"}", "X-Admin-Key", ops[1], "Idempotency-Key", "f2");

        assertThat(freezeAgain.status()).isEqualTo(200);
        JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);
        assertThat(count(jdbc, partner[0] + ":zoe", "wallet.WalletFrozenEvent")).as("the second freeze is in the ledger").isEqualTo(2);
        Reply withdrawal = b.post(partner[1], "/api/v1/wallets/zoe/withdrawals",
                "{\"amount\":\"90.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"after-freeze\"}");
        assertThat(withdrawal.status()).as(withdrawal.raw()).isEqualTo(423);

        b.deposit(partner[1], "max", "100.00", "USD");
        a.deposit(partner[1], "max", "1.00", "USD");
        b.deposit(partner[1], "max", "500.00", "USD");
        Reply bet = a.bet(partner[1], "max", "300.00", "USD", "big-bet");
        assertThat(bet.status()).as("node A pays the bet from what node B deposited: %s", bet.raw()).isEqualTo(200);
        assertThat(bet.text("balance")).isEqualTo("301.00");
    }

    private static long count(JdbcTemplate jdbc, String wallet, String type) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = ?",
                Long.class, wallet, type);
    }
}
