package io.chipledger.api.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.audit.ReadModelCheck.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The activity read model ({@code player_activity}) against a player's profile events: each row
 * counts the profile's activity events and sums its play durations through the profile sequence it
 * names; a row behind is lag unless the projection's token says it handled the newest event. Part
 * of {@link ReadModelCheck}; lookups go in batches of {@link ReadModelCheck#BATCH}.
 */
final class ActivityCheck {

    /** What the activity read model's row of a player must say: its activity events counted and their durations summed. */
    private record ExpectedActivity(String partnerId, String playerId, String aggregateId, long activities, long durationSeconds,
                                    long sequence, long position) {
    }

    private final Connection connection;
    private final Failures failures;
    private final Progress progress;
    private final List<ExpectedActivity> expectedActivities = new ArrayList<>();
    /** The profile being read: its activity events, their durations, and the newest one's sequence and position. */
    private long profileActivities;
    private long profileDuration;
    private long profileSequence = -1;
    private long profilePosition;
    private long profilesWithActivity;

    ActivityCheck(Connection connection, Failures failures, Progress progress) {
        this.connection = connection;
        this.failures = failures;
        this.progress = progress;
    }

    Progress progress() {
        return progress;
    }

    void event(StoredEvent event, JsonNode payload) {
        if (event.payloadType().equals("profile.PlayerActivityRecordedEvent")) {
            profileActivities++;
            if (payload.path("type").asText().equals("PLAY_DURATION")) {
                profileDuration += payload.path("value").asLong();
            }
            profileSequence = event.sequence();
            profilePosition = event.globalPosition();
        }
    }

    /** A profile ({@code profile:<partner>:<player>}) whose events all went by. */
    void ended(AggregateCheck profile) throws SQLException {
        if (profileSequence >= 0) {
            profilesWithActivity++;
            if (!progress.rebuilding() && !progress.parked().contains(profile.id)) {
                String[] partnerAndPlayer = profile.id.substring("profile:".length()).split(":", 2);
                expectedActivities.add(new ExpectedActivity(partnerAndPlayer[0], partnerAndPlayer[1], profile.id, profileActivities,
                        profileDuration, profileSequence, profilePosition));
                if (expectedActivities.size() >= ReadModelCheck.BATCH) {
                    flushActivities();
                }
            }
        }
        profileActivities = 0;
        profileDuration = 0;
        profileSequence = -1;
    }

    /** After the last event: the batch left, then the row count when the projection has handled everything. */
    void finish(List<String> notes, boolean caughtUp) throws SQLException {
        flushActivities();
        if (progress.rebuilding()) {
            notes.add("player-activity is being rebuilt: its read model was not compared");
        } else if (caughtUp) {
            long found = ReadModelCheck.count(connection, "player_activity");
            if (found != profilesWithActivity) {
                failures.add("(read model player_activity)", -1, -1, "rows", Long.toString(profilesWithActivity), Long.toString(found));
            }
        } else {
            notes.add("player-activity was behind the store or has parked events: its row count not compared");
        }
    }

    private void flushActivities() throws SQLException {
        if (expectedActivities.isEmpty()) {
            return;
        }
        Map<String, long[]> stored = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT a.partner_id, a.player_id, a.activities, "
                + "a.total_play_duration_seconds, a.profile_sequence FROM player_activity a JOIN unnest(?::varchar[], ?::varchar[]) "
                + "AS w(partner_id, player_id) ON a.partner_id = w.partner_id AND a.player_id = w.player_id")) {
            query.setArray(1, connection.createArrayOf("varchar", expectedActivities.stream().map(ExpectedActivity::partnerId).toArray()));
            query.setArray(2, connection.createArrayOf("varchar", expectedActivities.stream().map(ExpectedActivity::playerId).toArray()));
            try (ResultSet found = query.executeQuery()) {
                while (found.next()) {
                    stored.put("profile:" + found.getString(1) + ":" + found.getString(2),
                            new long[] {found.getLong(3), found.getLong(4), found.getLong(5)});
                }
            }
        }
        for (ExpectedActivity expected : expectedActivities) {
            long[] row = stored.get(expected.aggregateId());
            String replayed = expected.activities() + " activities, " + expected.durationSeconds() + " s played, after sequence "
                    + expected.sequence();
            String held = row == null ? "no row" : row[0] + " activities, " + row[1] + " s played, after sequence " + row[2];
            boolean behind = row == null || row[2] < expected.sequence();
            if (behind ? progress.handled(expected.position(), expected.aggregateId())
                    : row[2] > expected.sequence() || row[0] != expected.activities() || row[1] != expected.durationSeconds()) {
                failures.add(expected.aggregateId(), expected.sequence(), expected.position(), "player_activity", replayed, held);
            }
        }
        expectedActivities.clear();
    }
}
