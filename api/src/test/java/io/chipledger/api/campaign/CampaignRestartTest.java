package io.chipledger.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.ServiceInstance;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A campaign for a segment of {@value #PLAYERS} players (issue 20), paid each exactly once across a
 * restart in the middle: one node delivers until a few thousand are paid and is stopped (its context
 * closed while it delivers), then the service starts again on the same database next to a second
 * node, and both go on at once. The campaign pays every player once: {@value #PLAYERS}
 * {@code wallet.RewardReceivedEvent}s naming it, one per player, and the promo account gave
 * {@value #PLAYERS} × the reward. Prints the deliveries per second of the first node alone
 * (docs/performance.md, campaigns): a figure to read, never asserted.
 */
class CampaignRestartTest {

    static final int PLAYERS = 10_000;
    static final int STOP_AFTER = 4_000;
    static final long REWARD = 2;
    private static final Duration WAIT = Duration.ofMinutes(20);

    private final String dataDir = "target/campaign-restart-" + UUID.randomUUID();
    private final int databasePort = ServiceInstance.freePort();

    @Test
    void tenThousandPlayersArePaidOnceEachAcrossARestartAndTwoNodes() throws Exception {
        String partnerId;
        String campaignId;
        long paidBeforeTheStop;
        try (ServiceInstance first = ServiceInstance.embedded(dataDir, databasePort)) {
            LedgerClient client = first.client();
            JdbcTemplate jdbc = first.bean(JdbcTemplate.class);
            partnerId = client.newPartner()[0];
            long opening = System.nanoTime();
            Campaigns.openWallets(client, partnerId, "pl", PLAYERS);
            Campaigns.awaitSegment(jdbc, partnerId, "NEW", PLAYERS, WAIT);
            System.out.printf("campaign restart test: %d players opened and segmented NEW in %d ms%n", PLAYERS,
                    (System.nanoTime() - opening) / 1_000_000);

            campaignId = Campaigns.scheduled(client, partnerId, Campaigns.tokenGrant("Ten thousand", "NEW", Long.toString(REWARD)));
            long firstPaid = Campaigns.awaitPaid(jdbc, campaignId, 1, WAIT);
            assertThat(firstPaid).as("the job started delivering").isPositive();
            long started = System.nanoTime();
            long paid = Campaigns.awaitPaid(jdbc, campaignId, STOP_AFTER, WAIT);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("campaign deliveries, one node: %d in %.1f s = %.0f deliveries/s%n", paid - firstPaid, seconds,
                    (paid - firstPaid) / seconds);
        }
        // Stopped mid-way: the service's own store, read by the next start.
        try (ServiceInstance restarted = ServiceInstance.embedded(dataDir, databasePort);
             ServiceInstance second = ServiceInstance.onDatabaseOf(databasePort)) {
            JdbcTemplate jdbc = restarted.bean(JdbcTemplate.class);
            paidBeforeTheStop = Campaigns.rewardsPaid(jdbc, campaignId);
            assertThat(paidBeforeTheStop).as("stopped in the middle").isBetween((long) STOP_AFTER, PLAYERS - 1L);
            long started = System.nanoTime();
            long paid = Campaigns.awaitPaid(jdbc, campaignId, PLAYERS, WAIT);
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("campaign deliveries after the restart, two nodes at once: %d in %.1f s = %.0f deliveries/s%n",
                    paid - paidBeforeTheStop, seconds, (paid - paidBeforeTheStop) / seconds);

            assertThat(paid).isEqualTo(PLAYERS);
            assertThat(Campaigns.playersPaid(jdbc, campaignId)).as("one reward per player").isEqualTo(PLAYERS);
            assertThat(Campaigns.deliveredEvents(jdbc, partnerId, campaignId)).isEqualTo(PLAYERS);
            assertThat(Campaigns.promoPostings(jdbc, campaignId, "ROULETTE_COIN")).isEqualTo(-PLAYERS * REWARD);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ? AND idempotency_key LIKE ?", Long.class,
                    partnerId, "campaign:" + campaignId + ":%")).isEqualTo(PLAYERS);
            LedgerClient client = restarted.client();
            Reply shown = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partnerId + "/campaigns/" + campaignId,
                    null), reply -> reply.body().at("/progress/delivered").asLong() == PLAYERS, Duration.ofSeconds(60));
            assertThat(shown.body().at("/progress/delivered").asLong()).as(shown.raw()).isEqualTo(PLAYERS);
            assertThat(shown.body().at("/progress/skipped").asLong()).isZero();
            String promoBalance = "{\"account\":\"system:promo\",\"currency\":\"ROULETTE_COIN\",\"balance\":\"-" + PLAYERS * REWARD + "\"}";
            Reply promo = LedgerClient.eventually(() -> client.admin("GET", "/admin/v1/partners/" + partnerId + "/system-accounts", null),
                    reply -> reply.raw().contains(promoBalance), Duration.ofSeconds(60));
            assertThat(promo.raw()).as("the promo account's balance").contains(promoBalance);
        }
    }
}
