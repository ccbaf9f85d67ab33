package io.chipledger.api.activity;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Player activity counts once per event id, ever, whichever way it arrives. */
class ActivityTest extends LedgerApiTest {

    private static final int IDENTICAL_REPORTS = 20;

    @Test
    void theSameEventIdSentTwentyTimesConcurrentlyCountsOnce() throws Exception {
        String[] partner = client.newPartner();
        String body = "{\"event_type\":\"LOGIN\",\"event_id\":\"" + UUID.randomUUID() + "\"}";

        List<Reply> replies = concurrently(IDENTICAL_REPORTS, () -> client.post(partner[1], "/api/v1/players/amy/activities", body));

        assertThat(replies).allSatisfy(reply -> assertThat(reply.status()).isEqualTo(200));
        assertThat(replies.stream().filter(reply -> !reply.replayed())).hasSize(1);
        assertThat(replies.stream().map(Reply::raw).distinct()).as("every report is answered what was first recorded").hasSize(1);
        assertThat(eventsOf("profile:" + partner[0] + ":amy", "profile.PlayerActivityRecordedEvent")).isEqualTo(1);
        long position = replies.get(0).body().path("position").asLong();
        Reply activity = client.get(partner[1], "/api/v1/players/amy/activity?consistent_with=" + position);
        assertThat(activity.body().path("activities").asLong()).isEqualTo(1);
        assertThat(activity.body().path("last_login_at").isTextual()).isTrue();
    }

    @Test
    void theActivityFiguresAddUp() {
        String[] partner = client.newPartner();
        report(partner[1], "bo", "{\"event_type\":\"LOGIN\",\"occurred_at\":\"2026-01-02T03:04:05Z\"}");
        report(partner[1], "bo", "{\"event_type\":\"ROULETTE_PLAY\"}");
        report(partner[1], "bo", "{\"event_type\":\"ROULETTE_PLAY\"}");
        report(partner[1], "bo", "{\"event_type\":\"DICE_PLAY\"}");
        report(partner[1], "bo", "{\"event_type\":\"PLAY_DURATION\",\"value\":120}");
        report(partner[1], "bo", "{\"event_type\":\"BONUS_USED\",\"occurred_at\":\"2026-01-03T00:00:00Z\",\"meta\":{\"bonus\":\"daily\"}}");
        // An older login reported late never moves the last login back.
        Reply last = report(partner[1], "bo", "{\"event_type\":\"LOGIN\",\"occurred_at\":\"2025-12-31T00:00:00Z\"}");

        Reply activity = client.get(partner[1], "/api/v1/players/bo/activity?consistent_with=" + last.body().path("position").asLong());

        assertThat(activity.body().path("plays_per_game").path("ROULETTE").asLong()).isEqualTo(2);
        assertThat(activity.body().path("plays_per_game").path("DICE").asLong()).isEqualTo(1);
        assertThat(activity.body().path("plays_per_game").path("LOTTERY").asLong()).isZero();
        assertThat(activity.body().path("total_play_duration_seconds").asLong()).isEqualTo(120);
        assertThat(activity.body().path("last_login_at").asText()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(activity.body().path("last_bonus_used_at").asText()).isEqualTo("2026-01-03T00:00:00Z");
        assertThat(activity.body().path("activities").asLong()).isEqualTo(7);
    }

    @Test
    void aWalletPlayAndAReportedPlayWithTheSameEventIdCountOnceAndADepositIsACharge() {
        String[] partner = client.newPartner();
        String eventId = UUID.randomUUID().toString();
        client.grantTokens(partner[0], "cy", "ROULETTE_COIN", "5", "grant-1");
        Reply played = client.post(partner[1], "/api/v1/wallets/cy/plays", "{\"game\":\"ROULETTE\","
                + "\"stake\":{\"token_type\":\"ROULETTE_COIN\",\"amount\":\"1\"},\"outcome\":{\"segment\":2,\"label\":\"x2\"},"
                + "\"transaction_id_partner\":\"spin-1\",\"event_id\":\"" + eventId + "\"}");
        assertThat(played.status()).isEqualTo(200);
        report(partner[1], "cy", "{\"event_type\":\"ROULETTE_PLAY\",\"event_id\":\"" + eventId + "\"}");
        client.deposit(partner[1], "cy", "10.00", "USD");

        Reply activity = LedgerClient.eventually(() -> client.get(partner[1], "/api/v1/players/cy/activity"),
                reply -> reply.status() == 200 && reply.body().path("activities").asLong() == 2
                        && reply.body().path("last_charge_at").isTextual());

        assertThat(activity.body().path("plays_per_game").path("ROULETTE").asLong()).isEqualTo(1);
        assertThat(activity.body().path("last_charge_at").isTextual()).isTrue();
        assertThat(eventsOf("profile:" + partner[0] + ":cy", "profile.PlayerActivityRecordedEvent")).isEqualTo(2);
    }

    @Test
    void aPlayerWithNoActivityIsUnknown() {
        String[] partner = client.newPartner();
        Reply unknown = client.get(partner[1], "/api/v1/players/nobody/activity");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.text("type")).endsWith("/unknown-player");
    }

    /** A time before 2000 or ahead of the ledger's clock is a wrong clock: 400 naming occurred_at, and nothing is recorded. */
    @Test
    void aReportedTimeFromAWrongClockIsRefusedAndNothingIsRecorded() {
        String[] partner = client.newPartner();
        for (String occurredAt : new String[] {"1960-01-01T00:00:00Z", "1999-12-31T23:59:59Z", "2999-01-01T00:00:00Z"}) {
            Reply refused = client.post(partner[1], "/api/v1/players/clock/activities", "{\"event_id\":\"" + UUID.randomUUID()
                    + "\",\"event_type\":\"LOGIN\",\"occurred_at\":\"" + occurredAt + "\"}");

            assertThat(refused.status()).as(occurredAt).isEqualTo(400);
            assertThat(refused.text("field")).isEqualTo("occurred_at");
        }
        assertThat(eventsOf("profile:" + partner[0] + ":clock", "profile.PlayerActivityRecordedEvent")).isZero();
        assertThat(report(partner[1], "clock", "{\"event_type\":\"LOGIN\",\"occurred_at\":\"2000-01-01T00:00:00Z\"}").status())
                .isEqualTo(200);
    }

    /** Reports an activity under a fresh event id. */
    private Reply report(String apiKey, String player, String body) {
        String withId = body.replaceFirst("\\{", "{\"event_id\":\"" + UUID.randomUUID() + "\",");
        if (body.contains("event_id")) {
            withId = body;
        }
        Reply reply = client.post(apiKey, "/api/v1/players/" + player + "/activities", withId);
        assertThat(reply.status()).as(reply.raw()).isEqualTo(200);
        return reply;
    }
}
