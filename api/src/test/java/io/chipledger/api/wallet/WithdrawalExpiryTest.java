package io.chipledger.api.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.LedgerProperties;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A two-phase withdrawal nobody decides on is released when it expires, once, however often the
 * sweeper runs; one the sweeper cannot release is parked, reported, and released by a retry once
 * its fault is gone, and however many are parked, none holds up the withdrawals behind it.
 */
class WithdrawalExpiryTest extends LedgerApiTest {

    /** The request hash of the rows that take an expiry key away from the sweeper: no request hashes to it. */
    private static final String BLOCKING_HASH = "0".repeat(64);
    private static final String RETRY = "/admin/v1/jobs/parked/withdrawal-expiry/retry";

    @Autowired
    private WalletBalanceProjection balances;
    @Autowired
    private WalletCommands commands;
    @Autowired
    private ParkedJobItems parkedItems;
    @Autowired
    private LedgerProperties properties;

    /**
     * The sweeper as it runs once a withdrawal's deadline has passed: its clock is one hour past
     * the configured expiry. The wallet checks the deadline itself, from the withdrawal's own event,
     * so moving the read model's {@code expires_at} alone (as some tests here do, to order the
     * sweep) would not release anything.
     */
    private WithdrawalExpirySweeper sweeper;

    @BeforeEach
    void sweepOnceTheDeadlinesHavePassed() {
        Clock later = Clock.offset(Clock.systemUTC(), properties.withdrawalExpiry().plusHours(1));
        sweeper = new WithdrawalExpirySweeper(balances, commands, parkedItems, later);
    }

    /** Partners whose faults and parked items each test removes afterwards, so the next finds nothing parked. */
    private final List<String> partners = new ArrayList<>();

    @AfterEach
    void removeFaults() {
        for (String partnerId : partners) {
            jdbc.update("DELETE FROM pending_withdrawal WHERE partner_id = ? AND withdrawal_partner_transaction_id LIKE 'unreal-%'", partnerId);
            jdbc.update("DELETE FROM idempotency_key WHERE partner_id = ? AND request_hash = ?", partnerId, BLOCKING_HASH);
            jdbc.update("DELETE FROM parked_job_item WHERE job = 'withdrawal-expiry' AND item_key LIKE ?", partnerId + ":%");
        }
    }

    @Test
    void anExpiredWithdrawalIsReleasedOnce() throws InterruptedException {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ines", "30.00", "USD");
        Reply requested = client.post(partner[1], "/api/v1/wallets/ines/withdrawals",
                "{\"amount\":\"10.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"exp-1\",\"mode\":\"two_phase\"}");
        client.get(partner[1], "/api/v1/wallets/ines?consistent_with=" + requested.body().path("position").asLong());
        sweeper.releaseExpiredWithdrawals();
        sweeper.releaseExpiredWithdrawals();

        assertThat(eventCount(partner[0], "ines", "wallet.WithdrawalReleasedEvent")).isEqualTo(1);
        Reply after = client.deposit(partner[1], "ines", "0.01", "USD");
        assertThat(after.body().path("balances").path("USD").path("available").asText()).isEqualTo("30.01");
        assertThat(after.body().path("balances").path("USD").path("reserved").asText()).isEqualTo("0.00");
    }

    @Test
    void aWithdrawalWhoseIdIsAsLongAsAKeyMayBeIsReleasedAndSoIsTheOneBehindIt() {
        String[] partner = client.newPartner();
        client.deposit(partner[1], "ivy", "30.00", "USD");
        String longId = "w".repeat(RequestFields.TRANSACTION_ID_LENGTH_MAX);
        requestTwoPhase(partner[1], "ivy", longId);
        awaitProjection(partner[1], "ivy", requestTwoPhase(partner[1], "ivy", "normal-1"));
        expire(partner[0], longId, "2 hours");
        expire(partner[0], "normal-1", "1 second");

        sweeper.releaseExpiredWithdrawals();

        assertThat(releasesOf(partner[0], "ivy", longId)).as("the long-id withdrawal, first to expire").isEqualTo(1);
        assertThat(releasesOf(partner[0], "ivy", "normal-1")).as("the one behind it").isEqualTo(1);
        assertThat(parkedRows(partner[0])).isZero();
    }

    /**
     * More failing withdrawals than a sweep takes, at the head of the queue, and a good one behind
     * them. The failing ones are rows put straight into the projection's table, each with its
     * expiry key taken: the sweeper reads only those rows and the real wallet they name, and
     * making 101 withdrawals over HTTP would only slow the test down.
     */
    @Test
    void moreWithdrawalsThatCannotBeReleasedThanASweepTakesHoldUpNoneBehindThem() {
        String[] partner = faultyPartner();
        client.deposit(partner[1], "uma", "30.00", "USD");
        awaitProjection(partner[1], "uma", requestTwoPhase(partner[1], "uma", "good-1"));
        int failing = WithdrawalExpirySweeper.EXPIRIES_PER_SWEEP_MAX + 1;
        for (int i = 0; i < failing; i++) {
            String withdrawal = "unreal-%03d".formatted(i);
            blockExpiryKey(partner[0], withdrawal);
            jdbc.update("INSERT INTO pending_withdrawal (partner_id, player_id, withdrawal_partner_transaction_id, asset, amount_minor, "
                    + "expires_at) VALUES (?, 'uma', ?, 'USD', 100, now() - interval '2 hours' + ? * interval '1 second')", partner[0], withdrawal, i);
        }
        expire(partner[0], "good-1", "1 second");

        sweeper.releaseExpiredWithdrawals();
        sweeper.releaseExpiredWithdrawals();
        assertThat(releasesOf(partner[0], "uma", "good-1")).as("the good withdrawal behind them, by the second sweep").isEqualTo(1);
        sweeper.releaseExpiredWithdrawals();

        assertThat(jdbc.queryForList("SELECT attempts FROM parked_job_item WHERE item_key LIKE ?", Integer.class, partner[0] + ":%"))
                .as("each failing withdrawal parked once, and skipped by the sweeps after").hasSize(failing).containsOnly(1);
        long parkedNow = parkedNow();
        assertThat(parkedNow).isGreaterThanOrEqualTo(failing);

        JsonNode health = client.admin("GET", "/actuator/health", null).body();
        assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/jobs/status").asText()).isEqualTo("DEGRADED");
        assertThat(health.at("/components/jobs/details/withdrawal-expiry/parked").asLong()).isEqualTo(parkedNow);
        assertThat(health.at("/components/jobs/details/withdrawal-expiry/oldest_failed_at").asText()).isNotEmpty();
        assertThat(parkedGauge()).isEqualTo(parkedNow);
        Reply anonymous = client.send("GET", "/actuator/health", null);
        assertThat(anonymous.status()).as("DEGRADED answers 200").isEqualTo(200);
        assertThat(anonymous.body().has("components")).as("details only for staff").isFalse();
        Reply readiness = client.send("GET", "/actuator/health/readiness", null);
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(client.send("GET", "/actuator/health/liveness", null).text("status")).isEqualTo("UP");

        Set<String> listed = listedKeys(partner[0]);
        assertThat(listed).hasSize(failing).contains(partner[0] + ":uma:unreal-000", partner[0] + ":uma:unreal-100");
    }

    @Test
    void aParkedWithdrawalIsReleasedByARetryOnceItsFaultIsGone() {
        String[] partner = faultyPartner();
        client.deposit(partner[1], "olga", "30.00", "USD");
        awaitProjection(partner[1], "olga", requestTwoPhase(partner[1], "olga", "blocked-1"));
        blockExpiryKey(partner[0], "blocked-1");
        expire(partner[0], "blocked-1", "1 second");
        String itemKey = partner[0] + ":olga:blocked-1";
        String ops = client.newAdminKey("retry ops", "ops")[1];

        sweeper.releaseExpiredWithdrawals();
        assertThat(attempts(itemKey)).isEqualTo(1);
        // A retry while the fault is still there parks the withdrawal again, one attempt more.
        Reply retried = client.send("POST", RETRY, "{\"item_key\":\"" + itemKey + "\"}", "X-Admin-Key", ops);
        assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
        assertThat(retried.body().path("unparked").asInt()).isEqualTo(1);
        assertThat(retried.text("item_key")).isEqualTo(itemKey);
        sweeper.releaseExpiredWithdrawals();
        assertThat(attempts(itemKey)).isEqualTo(2);
        assertThat(releasesOf(partner[0], "olga", "blocked-1")).isZero();

        jdbc.update("DELETE FROM idempotency_key WHERE partner_id = ? AND request_hash = ?", partner[0], BLOCKING_HASH);
        long parkedBefore = parkedNow();
        Reply all = client.send("POST", RETRY, null, "X-Admin-Key", ops);
        assertThat(all.status()).as(all.raw()).isEqualTo(202);
        assertThat(all.body().path("unparked").asLong()).isEqualTo(parkedBefore);
        assertThat(client.send("POST", RETRY, null, "X-Admin-Key", ops).body().path("unparked").asInt())
                .as("nothing left parked is no error").isZero();
        sweeper.releaseExpiredWithdrawals();

        assertThat(releasesOf(partner[0], "olga", "blocked-1")).isEqualTo(1);
        assertThat(parkedRows(partner[0])).as("the parked row goes once the withdrawal went through").isZero();
        Reply balance = client.deposit(partner[1], "olga", "0.01", "USD");
        assertThat(balance.body().at("/balances/USD/reserved").asText()).isEqualTo("0.00");
        JsonNode health = client.admin("GET", "/actuator/health", null).body();
        assertThat(health.at("/components/jobs/status").asText()).isEqualTo("UP");
        assertThat(parkedGauge()).isZero();
    }

    @Test
    void aRetryOfAWithdrawalDecidedSinceItWasParkedOnlyClearsIt() {
        String[] partner = faultyPartner();
        client.deposit(partner[1], "pia", "30.00", "USD");
        awaitProjection(partner[1], "pia", requestTwoPhase(partner[1], "pia", "decided-1"));
        blockExpiryKey(partner[0], "decided-1");
        expire(partner[0], "decided-1", "1 second");
        sweeper.releaseExpiredWithdrawals();
        assertThat(attempts(partner[0] + ":pia:decided-1")).isEqualTo(1);

        Reply approved = client.post(partner[1], "/api/v1/wallets/pia/withdrawals/decided-1/approve", "{\"transaction_id_partner\":\"ok-1\"}");
        assertThat(approved.status()).as(approved.raw()).isEqualTo(200);
        awaitProjection(partner[1], "pia", approved);
        Reply retried = client.admin("POST", RETRY, "{\"item_key\":\"" + partner[0] + ":pia:decided-1\"}");
        assertThat(retried.body().path("unparked").asInt()).isEqualTo(1);
        sweeper.releaseExpiredWithdrawals();

        assertThat(parkedRows(partner[0])).as("a retry the sweep had nothing left to try for is forgotten").isZero();
        assertThat(releasesOf(partner[0], "pia", "decided-1")).isZero();
    }

    private String[] faultyPartner() {
        String[] partner = client.newPartner();
        partners.add(partner[0]);
        return partner;
    }

    /**
     * A read model that says a withdrawal has expired does not make it so: the wallet refuses an
     * expiry before the deadline in its own event, and the sweeper parks the item for an operator.
     */
    @Test
    void aWithdrawalIsNotReleasedBeforeItsOwnDeadlineWhateverTheReadModelSays() {
        String[] partner = client.newPartner();
        partners.add(partner[0]);
        client.deposit(partner[1], "wes", "30.00", "USD");
        awaitProjection(partner[1], "wes", requestTwoPhase(partner[1], "wes", "early-1"));
        jdbc.update("UPDATE pending_withdrawal SET expires_at = now() - interval '1 hour' WHERE partner_id = ?", partner[0]);
        WithdrawalExpirySweeper now = new WithdrawalExpirySweeper(balances, commands, parkedItems, Clock.systemUTC());

        now.releaseExpiredWithdrawals();

        assertThat(eventCount(partner[0], "wes", "wallet.WithdrawalReleasedEvent")).isZero();
        assertThat(jdbc.queryForObject("SELECT cause FROM parked_job_item WHERE job = 'withdrawal-expiry' AND item_key LIKE ?",
                String.class, partner[0] + ":%")).contains("expires at");
    }

    private Reply requestTwoPhase(String apiKey, String player, String withdrawalId) {
        Reply requested = client.post(apiKey, "/api/v1/wallets/" + player + "/withdrawals",
                "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"" + withdrawalId + "\",\"mode\":\"two_phase\"}");
        assertThat(requested.status()).isEqualTo(200);
        return requested;
    }

    /** Reads the wallet consistent with the command, so the projection's pending row is there. */
    private void awaitProjection(String apiKey, String player, Reply command) {
        client.get(apiKey, "/api/v1/wallets/" + player + "?consistent_with=" + command.body().path("position").asLong());
    }

    /** Time passes: the deadline the projection keeps is moved into the past. */
    private void expire(String partnerId, String withdrawalId, String ago) {
        jdbc.update("UPDATE pending_withdrawal SET expires_at = now() - CAST(? AS interval) WHERE partner_id = ? "
                + "AND withdrawal_partner_transaction_id = ?", ago, partnerId, withdrawalId);
    }

    /**
     * Another request takes the withdrawal's expiry key (as a partner could before the ledger
     * reserved its key namespaces), so the sweeper's release fails until the row is removed.
     */
    private void blockExpiryKey(String partnerId, String withdrawalId) {
        jdbc.update("INSERT INTO idempotency_key (partner_id, idempotency_key, request_hash) VALUES (?, ?, ?)",
                partnerId, WithdrawalExpirySweeper.expiryKey(withdrawalId), BLOCKING_HASH);
    }

    private long releasesOf(String partnerId, String player, String withdrawalId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? "
                + "AND payload_type = 'wallet.WithdrawalReleasedEvent' AND position(convert_to(?, 'UTF8') in payload) > 0",
                Long.class, partnerId + ":" + player, "\"" + withdrawalId + "\"");
    }

    private long parkedRows(String partnerId) {
        return jdbc.queryForObject("SELECT count(*) FROM parked_job_item WHERE item_key LIKE ?", Long.class, partnerId + ":%");
    }

    private int attempts(String itemKey) {
        return jdbc.queryForObject("SELECT attempts FROM parked_job_item WHERE job = 'withdrawal-expiry' AND item_key = ? "
                + "AND retry_requested_at IS NULL", Integer.class, itemKey);
    }

    /** What health and the metric must report: every parked withdrawal expiry, this test's and any other's. */
    private long parkedNow() {
        return jdbc.queryForObject("SELECT count(*) FROM parked_job_item WHERE job = 'withdrawal-expiry' AND retry_requested_at IS NULL",
                Long.class);
    }

    private long parkedGauge() {
        Reply metric = client.admin("GET", "/actuator/metrics/chipledger.jobs.parked?tag=job:withdrawal-expiry", null);
        assertThat(metric.status()).as(metric.raw()).isEqualTo(200);
        return metric.body().at("/measurements/0/value").asLong();
    }

    /** The partner's keys among every page of the listing, 40 rows a page. */
    private Set<String> listedKeys(String partnerId) {
        Set<String> keys = new HashSet<>();
        String cursor = null;
        do {
            Reply page = client.admin("GET", "/admin/v1/jobs/parked?limit=40" + (cursor == null ? "" : "&cursor=" + cursor), null);
            assertThat(page.status()).as(page.raw()).isEqualTo(200);
            for (JsonNode item : page.body().path("parked_items")) {
                if (item.path("item_key").asText().startsWith(partnerId + ":")) {
                    assertThat(item.path("job").asText()).isEqualTo("withdrawal-expiry");
                    assertThat(item.path("cause").asText()).contains("no committed outcome");
                    assertThat(item.path("attempts").asInt()).isEqualTo(1);
                    assertThat(item.at("/item/partner_id").asText()).isEqualTo(partnerId);
                    keys.add(item.path("item_key").asText());
                }
            }
            cursor = page.text("next_cursor");
        } while (cursor != null);
        return keys;
    }
}
