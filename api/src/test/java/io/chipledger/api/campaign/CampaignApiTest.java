package io.chipledger.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.api.projection.RebuildingProjections;
import io.chipledger.api.wallet.WalletCommands;
import io.chipledger.projections.campaign.CampaignProjection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Campaigns through the admin API and the delivery job (issue 20): the lifecycle and its refusals,
 * each player of the segment paid once, a frozen wallet skipped while the others are paid, a late
 * joiner paid on a later pass, nothing more after a cancellation, and two jobs at once paying
 * nobody twice.
 */
class CampaignApiTest extends LedgerApiTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    private CampaignDeliveryJob job;
    @Autowired
    private CampaignProjection campaigns;
    @Autowired
    private CampaignMembers members;
    @Autowired
    private CampaignRewards rewards;
    @Autowired
    private WalletCommands walletCommands;
    @Autowired
    private CommandGateway gateway;
    @Autowired
    private ParkedJobItems parked;
    @Autowired
    private RebuildingProjections rebuilding;

    private String path(String partnerId) {
        return "/admin/v1/partners/" + partnerId + "/campaigns";
    }

    @Test
    void aCampaignGoesFromDraftToScheduledToCancelledAndRefusesWhatItsStatusDoesNotAllow() {
        String[] partner = client.newPartner();
        String marketing = client.newAdminKey("Campaign Marketing", "marketing")[1];
        String support = client.newAdminKey("Campaign Support", "support")[1];
        Instant start = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String body = "{\"name\":\"Welcome week\",\"segment\":\"NEW\",\"starts_at\":\"" + start + "\",\"ends_at\":\""
                + start.plus(7, ChronoUnit.DAYS) + "\",\"reward\":{\"kind\":\"token_grant\",\"asset\":\"ROULETTE_COIN\",\"amount\":\"10\"},"
                + "\"message_template\":\"Welcome {player_id}: {amount} {asset}\"}";

        Reply created = client.send("POST", path(partner[0]), body, "X-Admin-Key", marketing);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String id = created.text("campaign_id");
        assertThat(id).matches("cmp_[0-9a-f]{16}");
        assertThat(created.text("status")).isEqualTo("DRAFT");
        assertThat(created.body().path("reward").toString())
                .isEqualTo("{\"kind\":\"token_grant\",\"asset\":\"ROULETTE_COIN\",\"amount\":\"10\"}");
        assertThat(created.body().at("/progress/delivered").asLong()).isZero();
        assertThat(created.text("created_by")).startsWith("admin-key:");

        Reply read = client.send("GET", path(partner[0]) + "/" + id, null, "X-Admin-Key", support);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.text("message_template")).isEqualTo("Welcome {player_id}: {amount} {asset}");
        assertThat(client.send("POST", path(partner[0]) + "/" + id + "/schedule", null, "X-Admin-Key", support).text("type"))
                .as("support reads, never writes").endsWith("/missing-role");
        JsonNode listed = client.send("GET", path(partner[0]), null, "X-Admin-Key", support).body().path("campaigns");
        assertThat(listed).hasSize(1);

        Reply scheduled = client.send("POST", path(partner[0]) + "/" + id + "/schedule", null, "X-Admin-Key", marketing);
        assertThat(scheduled.text("status")).as(scheduled.raw()).isEqualTo("SCHEDULED");
        Reply again = client.send("POST", path(partner[0]) + "/" + id + "/schedule", null, "X-Admin-Key", marketing);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("type")).endsWith("/status-conflict");
        assertThat(again.text("campaign_status")).isEqualTo("SCHEDULED");

        Reply cancelled = client.send("POST", path(partner[0]) + "/" + id + "/cancel", "{\"reason\":\"budget cut\"}", "X-Admin-Key", marketing);
        assertThat(cancelled.text("status")).as(cancelled.raw()).isEqualTo("CANCELLED");
        assertThat(cancelled.text("cancel_reason")).isEqualTo("budget cut");
        assertThat(client.send("POST", path(partner[0]) + "/" + id + "/cancel", "{\"reason\":\"again\"}", "X-Admin-Key", marketing).status())
                .isEqualTo(409);

        // Another partner's campaign is unknown here; an id that is not one is a 400 before anything is read.
        String[] other = client.newPartner();
        assertThat(client.admin("GET", path(other[0]) + "/" + id, null).text("type")).endsWith("/unknown-campaign");
        assertThat(client.admin("POST", path(other[0]) + "/" + id + "/schedule", null).text("type")).endsWith("/unknown-campaign");
        assertThat(client.admin("GET", path(partner[0]) + "/cmp_x", null).text("field")).isEqualTo("campaignId");
    }

    @Test
    void aCampaignThatDoesNotHoldIsRefusedStoringNothing() {
        String[] partner = client.newPartner();
        Instant start = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String reward = "{\"kind\":\"token_grant\",\"asset\":\"ROULETTE_COIN\",\"amount\":\"10\"}";
        assertRefused(partner[0], body(start, start.plus(91, ChronoUnit.DAYS), reward, "Hi"), 400, "invalid-request", "ends_at");
        assertRefused(partner[0], body(start, start, reward, "Hi"), 400, "invalid-request", "ends_at");
        assertRefused(partner[0], body(start, start.plusSeconds(60), reward, "Hi {player}"), 400, "invalid-request", "message_template");
        assertRefused(partner[0], body(start, start.plusSeconds(60), reward, "{asset}".repeat(11)), 400, "invalid-request", "message_template");
        assertRefused(partner[0], body(start, start.plusSeconds(60), "{\"kind\":\"token_grant\",\"asset\":\"USD\",\"amount\":\"1\"}", "Hi"),
                400, null, null);
        assertRefused(partner[0], body(start, start.plusSeconds(60), "{\"kind\":\"token_grant\",\"asset\":\"CC_COIN\",\"amount\":\"0.5\"}",
                "Hi"), 400, "invalid-amount", null);
        assertRefused(partner[0], body(start, start.plusSeconds(60), "{\"kind\":\"coupon_issue\",\"code\":\"WELCOME10\",\"asset\":\"CC_COIN\"}",
                "Hi"), 400, "invalid-request", "reward");
        // A coupon or pool the partner does not have: a clear 422, nothing stored.
        assertRefused(partner[0], body(start, start.plusSeconds(60), "{\"kind\":\"coupon_issue\",\"code\":\"WELCOME10\"}",
                "Your code: {coupon_code}"), 422, "campaign-reward-unavailable", null);
        assertRefused(partner[0], body(start, start.plusSeconds(60), "{\"kind\":\"pool_draw\",\"pool_id\":\"pool_5f0c2a7d9e8b4c31\"}", "Hi"),
                422, "campaign-reward-unavailable", null);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier LIKE ?", Long.class,
                "campaign:" + partner[0] + ":%")).isZero();

        // A draft whose period is over cannot be scheduled.
        Instant past = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Reply over = client.admin("POST", path(partner[0]), body(past, past.plus(1, ChronoUnit.DAYS), reward, "Hi"));
        Reply schedule = client.admin("POST", path(partner[0]) + "/" + over.text("campaign_id") + "/schedule", null);
        assertThat(schedule.status()).as(schedule.raw()).isEqualTo(409);
        assertThat(schedule.text("type")).endsWith("/campaign-period-over");
    }

    private static String body(Instant start, Instant end, String reward, String template) {
        return "{\"name\":\"Promo\",\"segment\":\"NEW\",\"starts_at\":\"" + start + "\",\"ends_at\":\"" + end + "\",\"reward\":" + reward
                + ",\"message_template\":\"" + template + "\"}";
    }

    private void assertRefused(String partnerId, String body, int status, String type, String field) {
        Reply refused = client.admin("POST", path(partnerId), body);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(status);
        if (type != null) {
            assertThat(refused.text("type")).as(refused.raw()).endsWith("/" + type);
        }
        if (field != null) {
            assertThat(refused.text("field")).as(refused.raw()).isEqualTo(field);
        }
    }

    @Test
    void eachPlayerIsPaidOnceAFrozenWalletIsSkippedALateJoinerIsPaidAndACancelledCampaignPaysNothingMore() throws Exception {
        String[] partner = client.newPartner();
        Campaigns.openWallets(client, partner[0], "fz", 6);
        String frozen = Campaigns.player("fz", 2);
        Reply freeze = client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/" + frozen + "/freeze", "{\"reason\":\"aml review\"}",
                "Idempotency-Key", "fz-freeze");
        assertThat(freeze.status()).as(freeze.raw()).isEqualTo(200);
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", 6, WAIT);

        String id = Campaigns.scheduled(client, partner[0], Campaigns.tokenGrant("Frozen but fair", "NEW", "3"));
        assertThat(Campaigns.awaitPaid(jdbc, id, 5, WAIT)).isEqualTo(5);
        Reply shown = LedgerClient.eventually(() -> client.admin("GET", path(partner[0]) + "/" + id, null),
                reply -> reply.body().at("/progress/delivered").asLong() == 5 && reply.body().at("/progress/skipped").asLong() == 1, WAIT);
        assertThat(shown.text("status")).isEqualTo("RUNNING");
        assertThat(shown.body().at("/progress/segment_size").asLong()).isEqualTo(6);
        assertThat(shown.body().at("/progress/skipped").asLong()).as(shown.raw()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT refusal FROM campaign_skip WHERE campaign_id = ? AND player_id = ?", String.class, id, frozen))
                .isEqualTo("WALLET_FROZEN");
        assertThat(eventCount(partner[0], frozen, "wallet.RewardReceivedEvent")).isZero();
        assertThat(Campaigns.promoPostings(jdbc, id, "ROULETTE_COIN")).isEqualTo(-15);
        assertThat(jdbc.queryForObject("SELECT message FROM campaign_delivery WHERE campaign_id = ? AND player_id = ?", String.class, id,
                Campaigns.player("fz", 0))).isEqualTo("Hi fz00000: 3 ROULETTE_COIN from Frozen but fair");

        // A player who joins the segment while the campaign runs is paid on a later pass.
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/late/token-grants", "{\"token_type\":\"CC_COIN\",\"amount\":\"1\","
                + "\"reason\":\"signup\",\"transaction_id_partner\":\"late-open\"}");
        assertThat(Campaigns.awaitPaid(jdbc, id, 6, WAIT)).isEqualTo(6);
        assertThat(eventCount(partner[0], "late", "wallet.RewardReceivedEvent")).isEqualTo(1);

        // Cancelled, it pays nobody more: not a new player, not the frozen one once unfrozen.
        Reply cancelled = client.admin("POST", path(partner[0]) + "/" + id + "/cancel", "{\"reason\":\"budget cut\"}");
        assertThat(cancelled.text("status")).as(cancelled.raw()).isEqualTo("CANCELLED");
        client.admin("POST", "/admin/v1/partners/" + partner[0] + "/wallets/too-late/token-grants", "{\"token_type\":\"CC_COIN\","
                + "\"amount\":\"1\",\"reason\":\"signup\",\"transaction_id_partner\":\"too-late-open\"}");
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", 8, WAIT);
        CampaignProjection.Due cancelledDue = new CampaignProjection.Due(partner[0], id, "NEW",
                campaigns.campaign(partner[0], id).orElseThrow().reward(), Instant.now().minusSeconds(60), Instant.now().plusSeconds(3600));
        assertThat(job.deliver(cancelledDue, new CampaignMembers.Member("too-late", false)))
                .as("the campaign refuses the delivery itself").isEqualTo(CampaignDeliveryJob.Delivery.CAMPAIGN_STOPPED);
        job.run();
        assertThat(Campaigns.rewardsPaid(jdbc, id)).isEqualTo(6);
        assertThat(Campaigns.deliveredEvents(jdbc, partner[0], id)).isEqualTo(6);
    }

    @Test
    void theJobFinishesACampaignWhenItsPeriodEnds() {
        String[] partner = client.newPartner();
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        Instant end = Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.SECONDS);
        String id = Campaigns.scheduled(client, partner[0], "{\"name\":\"Short\",\"segment\":\"NOBODY_YET\",\"starts_at\":\"" + start
                + "\",\"ends_at\":\"" + end + "\",\"reward\":{\"kind\":\"token_grant\",\"asset\":\"CC_COIN\",\"amount\":\"1\"},"
                + "\"message_template\":\"Hi\"}");
        Reply finished = LedgerClient.eventually(() -> client.admin("GET", path(partner[0]) + "/" + id, null),
                reply -> "FINISHED".equals(reply.text("status")), WAIT);
        assertThat(finished.text("status")).as(finished.raw()).isEqualTo("FINISHED");
        assertThat(finished.text("changed_by")).isEqualTo(CampaignDeliveryJob.ACTOR);
        assertThat(eventsOf("campaign:" + partner[0] + ":" + id, "campaign.CampaignFinishedEvent")).isEqualTo(1);
        assertThat(client.admin("POST", path(partner[0]) + "/" + id + "/cancel", "{\"reason\":\"late\"}").text("type"))
                .as("a finished campaign is over").endsWith("/status-conflict");
    }

    @Test
    void twoJobsAtOncePayEachPlayerOnce() throws Exception {
        String[] partner = client.newPartner();
        int players = 300;
        Campaigns.openWallets(client, partner[0], "tj", players);
        Campaigns.awaitSegment(jdbc, partner[0], "NEW", players, WAIT);
        // A second job with its own lock, as a second node has: both walk the same players at once.
        CampaignDeliveryJob second = new CampaignDeliveryJob(campaigns, members, rewards, walletCommands, gateway, parked, rebuilding,
                Clock.systemUTC());
        String id = Campaigns.scheduled(client, partner[0], Campaigns.tokenGrant("Two at once", "NEW", "1"));
        LedgerClient.eventually(() -> client.admin("GET", path(partner[0]) + "/" + id, null), reply -> "RUNNING".equals(reply.text("status")),
                WAIT);
        List<CompletableFuture<Void>> running = List.of(CompletableFuture.runAsync(job::run), CompletableFuture.runAsync(second::run),
                CompletableFuture.runAsync(second::run));
        CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).get();
        assertThat(Campaigns.awaitPaid(jdbc, id, players, WAIT)).isEqualTo(players);
        assertThat(Campaigns.playersPaid(jdbc, id)).isEqualTo(players);
        assertThat(Campaigns.deliveredEvents(jdbc, partner[0], id)).isEqualTo(players);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM idempotency_key WHERE partner_id = ? AND idempotency_key LIKE ?", Long.class,
                partner[0], "campaign:" + id + ":%")).isEqualTo(players);
        assertThat(Campaigns.promoPostings(jdbc, id, "ROULETTE_COIN")).isEqualTo(-players);
    }
}
