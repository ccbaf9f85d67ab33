package io.chipledger.api.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.springframework.jdbc.core.JdbcTemplate;

/** What the campaign tests share: players put in a segment the honest way, campaigns made and counted through the ledger. */
public final class Campaigns {

    private Campaigns() {
    }

    /**
     * Opens {@code count} wallets {@code <prefix>00000…} by bulk token grants of 200 (one atomic
     * command batch each): a wallet's opening makes its player {@code NEW}, as the segment processor's
     * built-in rule says (registered less than 7 days ago), so they land in the segment as any new
     * player does.
     */
    public static void openWallets(LedgerClient client, String partnerId, String prefix, int count) {
        for (int from = 0; from < count; from += 200) {
            String grants = IntStream.range(from, Math.min(count, from + 200))
                    .mapToObj(i -> "{\"player_id\":\"" + prefix + String.format("%05d", i) + "\",\"amount\":\"1\"}")
                    .collect(Collectors.joining(","));
            Reply granted = client.admin("POST", "/admin/v1/partners/" + partnerId + "/token-grants/bulk", "{\"token_type\":\"CC_COIN\","
                    + "\"reason\":\"signup\",\"transaction_id_partner\":\"" + prefix + "-open-" + from + "\",\"grants\":[" + grants + "]}");
            assertThat(granted.status()).as(granted.raw()).isEqualTo(200);
        }
    }

    public static String player(String prefix, int index) {
        return prefix + String.format("%05d", index);
    }

    /** Waits until the segment processor has {@code count} of the partner's players in {@code segment}. */
    public static void awaitSegment(JdbcTemplate jdbc, String partnerId, String segment, long count, Duration waitMax) throws InterruptedException {
        long deadline = System.nanoTime() + waitMax.toNanos();
        long found;
        while ((found = inSegment(jdbc, partnerId, segment)) < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(found).as("players of %s in %s", partnerId, segment).isEqualTo(count);
    }

    public static long inSegment(JdbcTemplate jdbc, String partnerId, String segment) {
        return jdbc.queryForObject("SELECT count(*) FROM player_segment WHERE partner_id = ? AND segment = ?", Long.class, partnerId, segment);
    }

    /** A campaign body of a token grant of {@code amount} ROULETTE_COIN to {@code segment}, its period from a minute ago for a day. */
    public static String tokenGrant(String name, String segment, String amount) {
        return runningNow(name, segment, "{\"kind\":\"token_grant\",\"asset\":\"ROULETTE_COIN\",\"amount\":\"" + amount + "\"}",
                "Hi {player_id}: {amount} {asset} from {campaign_name}");
    }

    /** A campaign body issuing the partner's coupon {@code code} to {@code segment}, its period from a minute ago for a day. */
    public static String couponIssue(String name, String segment, String code) {
        return runningNow(name, segment, "{\"kind\":\"coupon_issue\",\"code\":\"" + code + "\"}", "Hi {player_id}: your code is {coupon_code}");
    }

    private static String runningNow(String name, String segment, String reward, String template) {
        Instant start = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        return "{\"name\":\"" + name + "\",\"segment\":\"" + segment + "\",\"starts_at\":\"" + start + "\",\"ends_at\":\""
                + start.plus(1, ChronoUnit.DAYS) + "\",\"reward\":" + reward + ",\"message_template\":\"" + template + "\"}";
    }

    /** Creates and schedules a campaign with a key holding every role; answers its id. */
    public static String scheduled(LedgerClient client, String partnerId, String body) {
        Reply created = client.admin("POST", "/admin/v1/partners/" + partnerId + "/campaigns", body);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        String campaignId = created.text("campaign_id");
        Reply scheduled = client.admin("POST", "/admin/v1/partners/" + partnerId + "/campaigns/" + campaignId + "/schedule", null);
        assertThat(scheduled.status()).as(scheduled.raw()).isEqualTo(200);
        return campaignId;
    }

    /** The rewards the campaign paid, as the event store holds them: {@code wallet.RewardReceivedEvent}s naming it. */
    public static long rewardsPaid(JdbcTemplate jdbc, String campaignId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE payload_type = 'wallet.RewardReceivedEvent' "
                + "AND convert_from(payload, 'UTF8')::jsonb -> 'source' ->> 'kind' = 'CAMPAIGN' "
                + "AND convert_from(payload, 'UTF8')::jsonb -> 'source' ->> 'id' = ?", Long.class, campaignId);
    }

    /** Players paid by the campaign, each counted once. */
    public static long playersPaid(JdbcTemplate jdbc, String campaignId) {
        return jdbc.queryForObject("SELECT count(DISTINCT aggregate_identifier) FROM domain_event_entry WHERE payload_type = "
                + "'wallet.RewardReceivedEvent' AND convert_from(payload, 'UTF8')::jsonb -> 'source' ->> 'id' = ?", Long.class, campaignId);
    }

    /** What the promo account gave in the asset through the campaign's rewards, from the events' own postings. */
    public static long promoPostings(JdbcTemplate jdbc, String campaignId, String asset) {
        return jdbc.queryForObject("SELECT coalesce(sum((posting ->> 'amount_minor')::bigint), 0) FROM domain_event_entry e, "
                + "jsonb_array_elements(convert_from(e.payload, 'UTF8')::jsonb -> 'postings') posting WHERE e.payload_type = "
                + "'wallet.RewardReceivedEvent' AND convert_from(e.payload, 'UTF8')::jsonb -> 'source' ->> 'id' = ? "
                + "AND posting ->> 'account' = 'system:promo' AND posting ->> 'asset' = ?", Long.class, campaignId, asset);
    }

    public static long deliveredEvents(JdbcTemplate jdbc, String partnerId, String campaignId) {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ? AND payload_type = "
                + "'campaign.CampaignRewardDeliveredEvent'", Long.class, "campaign:" + partnerId + ":" + campaignId);
    }

    /** Waits until the campaign has delivered to {@code count} players (any reward kind); answers how many it delivered to. */
    public static long awaitDelivered(JdbcTemplate jdbc, String partnerId, String campaignId, long count, Duration waitMax)
            throws InterruptedException {
        long deadline = System.nanoTime() + waitMax.toNanos();
        long delivered;
        while ((delivered = deliveredEvents(jdbc, partnerId, campaignId)) < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return delivered;
    }

    /** Waits until the campaign has paid {@code count} rewards; answers how many it paid. */
    public static long awaitPaid(JdbcTemplate jdbc, String campaignId, long count, Duration waitMax) throws InterruptedException {
        long deadline = System.nanoTime() + waitMax.toNanos();
        long paid;
        while ((paid = rewardsPaid(jdbc, campaignId)) < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        return paid;
    }
}
