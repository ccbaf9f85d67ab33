package io.chipledger.api.job;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Items a background job could not process, kept in {@code parked_job_item} (migration V11) so
 * that the job's selection can skip them: a failing item then never takes a place in the job's
 * batch that an item behind it could have used. Parked until an operator asks for a retry; the
 * row goes once the item goes through. Every node of a cluster sees the same rows.
 */
@Component
public class ParkedJobItems {

    /** The cause kept: the exception's class and message, cut to this many characters. */
    public static final int CAUSE_LENGTH_MAX = 1_000;
    /** The longest item key a job may mint (the column's size); the withdrawal expiry's are at most 258. */
    public static final int ITEM_KEY_LENGTH_MAX = 300;
    static final int PAGE_SIZE_MAX = 200;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, String>> ITEM = new TypeReference<>() {
    };
    private static final String COLUMNS = "job, item_key, item, cause, attempts, first_failed_at, last_failed_at, retry_requested_at";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ParkedJobItems(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * One row of the table.
     *
     * @param job              a {@link Job}'s name
     * @param item             what names the item to a person, as its job describes it
     * @param attempts         how many times the item failed and was parked (a retry that fails again adds one)
     * @param retryRequestedAt when an operator asked for a retry that has not run yet; null while the item is parked
     */
    public record ParkedItem(String job, String itemKey, Map<String, String> item, String cause, int attempts,
                             Instant firstFailedAt, Instant lastFailedAt, Instant retryRequestedAt) {
    }

    /** Where a page starts: after this row, in (job, item key) order. */
    record After(String job, String itemKey) {
    }

    /** The items of one job that are parked now, and when the oldest of them first failed. */
    public record ParkedJob(String job, long parked, Instant oldestFailedAt) {
    }

    /**
     * Parks a failed item, or parks it again after a retry: attempts goes up by one and the
     * cause is the new one. Several nodes failing the same item at once each count an attempt.
     *
     * @return the item's attempts so far
     */
    public int park(Job job, String itemKey, Map<String, String> item, RuntimeException failure) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.queryForObject("INSERT INTO parked_job_item (" + COLUMNS + ") VALUES (?, ?, CAST(? AS jsonb), ?, 1, ?, ?, NULL) "
                        + "ON CONFLICT (job, item_key) DO UPDATE SET cause = EXCLUDED.cause, attempts = parked_job_item.attempts + 1, "
                        + "last_failed_at = EXCLUDED.last_failed_at, retry_requested_at = NULL RETURNING attempts",
                Integer.class, job.jobName(), itemKey, json(item), cause(failure), now, now);
    }

    /** Forgets the items that went through (or were found decided): most never had a row, and that costs one statement. */
    public void forget(Job job, Collection<String> itemKeys) {
        if (itemKeys.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement("DELETE FROM parked_job_item WHERE job = ? AND item_key = ANY (?)");
            statement.setString(1, job.jobName());
            statement.setArray(2, connection.createArrayOf("varchar", itemKeys.toArray()));
            return statement;
        });
    }

    /**
     * Forgets retries asked for before {@code sweepStartedAt} that a complete sweep, one that saw
     * every item due, did not find: their items were settled some other way meanwhile (a
     * withdrawal approved by its partner), so nothing is left to try.
     */
    public void forgetRetriesNotFound(Job job, Instant sweepStartedAt) {
        jdbc.update("DELETE FROM parked_job_item WHERE job = ? AND retry_requested_at < ?", job.jobName(), Timestamp.from(sweepStartedAt));
    }

    /** Asks for a retry of every parked item of the job; answers how many were parked. */
    int retry(Job job) {
        return jdbc.update("UPDATE parked_job_item SET retry_requested_at = ? WHERE job = ? AND retry_requested_at IS NULL",
                Timestamp.from(clock.instant()), job.jobName());
    }

    /** Asks for a retry of one item; answers 1 when it was parked, else 0. */
    int retry(Job job, String itemKey) {
        return jdbc.update("UPDATE parked_job_item SET retry_requested_at = ? WHERE job = ? AND item_key = ? AND retry_requested_at IS NULL",
                Timestamp.from(clock.instant()), job.jobName(), itemKey);
    }

    /** Rows in (job, item key) order after {@code after} (null: from the first), at most {@code limit}: a primary-key scan. */
    List<ParkedItem> page(After after, int limit) {
        if (after == null) {
            return jdbc.query("SELECT " + COLUMNS + " FROM parked_job_item ORDER BY job, item_key LIMIT ?", ParkedJobItems::row, limit);
        }
        return jdbc.query("SELECT " + COLUMNS + " FROM parked_job_item WHERE (job, item_key) > (?, ?) ORDER BY job, item_key LIMIT ?",
                ParkedJobItems::row, after.job(), after.itemKey(), limit);
    }

    /** Each job with items parked now; none when nothing is parked. */
    List<ParkedJob> parkedJobs() {
        return jdbc.query("SELECT job, count(*), min(first_failed_at) FROM parked_job_item WHERE retry_requested_at IS NULL "
                        + "GROUP BY job ORDER BY job",
                (row, i) -> new ParkedJob(row.getString(1), row.getLong(2), row.getTimestamp(3).toInstant()));
    }

    long parked(Job job) {
        return jdbc.queryForObject("SELECT count(*) FROM parked_job_item WHERE job = ? AND retry_requested_at IS NULL",
                Long.class, job.jobName());
    }

    /**
     * The class and message of the failure, cut to the column; a NUL (which PostgreSQL's text
     * refuses) would otherwise make parking fail too.
     */
    static String cause(RuntimeException failure) {
        String cause = failure.toString().replace('\0', '?');
        if (cause.length() <= CAUSE_LENGTH_MAX) {
            return cause;
        }
        int end = CAUSE_LENGTH_MAX - 1;
        // Never half a surrogate pair: the driver would send it as a replacement character.
        if (Character.isHighSurrogate(cause.charAt(end - 1))) {
            end--;
        }
        return cause.substring(0, end) + "…";
    }

    private static ParkedItem row(ResultSet row, int index) throws SQLException {
        Timestamp retryRequestedAt = row.getTimestamp(8);
        return new ParkedItem(row.getString(1), row.getString(2), item(row.getString(3)), row.getString(4), row.getInt(5),
                row.getTimestamp(6).toInstant(), row.getTimestamp(7).toInstant(), retryRequestedAt == null ? null : retryRequestedAt.toInstant());
    }

    private static String json(Map<String, String> item) {
        try {
            return JSON.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of texts always serializes", e);
        }
    }

    private static Map<String, String> item(String json) {
        try {
            return JSON.readValue(json, ITEM);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("parked_job_item.item holds a JSON object of texts, written by park()", e);
        }
    }
}
