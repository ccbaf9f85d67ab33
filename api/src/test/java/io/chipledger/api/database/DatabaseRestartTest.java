package io.chipledger.api.database;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chipledger.api.LedgerClient;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.api.OutageChecks;
import io.chipledger.api.OutageFigures;
import io.chipledger.api.OutageLoad;
import io.chipledger.api.OutageLoad.FirstAnswer;
import io.chipledger.api.RestartablePostgres;
import io.chipledger.api.ServiceInstance;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PostgreSQL crashed and started again under load (issue 19): while it is away every command is
 * refused at once with a retryable 503 {@code ledger-busy}, never a 500 and never left unanswered,
 * and readiness says not ready; once it is back the service takes commands again by itself, and
 * every refused command sent again is applied exactly once. bench/faults-outages.sh runs it with a
 * full minute's outage ({@code -Dchipledger.outage.seconds=60}).
 */
class DatabaseRestartTest {

    private static final Logger log = LoggerFactory.getLogger(DatabaseRestartTest.class);
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("chipledger.outage.seconds", 6));
    private static final int CLIENTS = Integer.getInteger("chipledger.outage.clients", 4);
    private static final Duration LOAD_BEFORE_AND_AFTER = Duration.ofSeconds(3);
    private static final Duration PROBE_WAIT_MAX = Duration.ofSeconds(60);

    @Test
    void aRestartedDatabaseRefusesRetryablyThenAppliesEveryCommandOnce() throws Exception {
        try (RestartablePostgres postgres = new RestartablePostgres(Path.of("target/database-restart-" + UUID.randomUUID()),
                ServiceInstance.freePort())) {
            postgres.start();
            try (ServiceInstance service = ServiceInstance.onDatabaseOf(postgres.port())) {
                LedgerClient client = service.client();
                String[] partner = client.newPartner();
                assertThat(readiness(client).status()).isEqualTo(200);
                OutageLoad load = new OutageLoad(client, partner[1], CLIENTS, "pg");
                load.start();
                load.sendFor(LOAD_BEFORE_AND_AFTER, "before the crash");

                long crashedAt = System.currentTimeMillis();
                postgres.crash();
                Reply notReady = awaitReadiness(client, 503);
                load.sendFor(OUTAGE.minusMillis(System.currentTimeMillis() - crashedAt), "PostgreSQL away");
                postgres.start();
                long backAt = System.currentTimeMillis();
                Reply readyAgain = awaitReadiness(client, 200);
                load.sendFor(LOAD_BEFORE_AND_AFTER, "PostgreSQL back");
                List<FirstAnswer> answers = load.stop();
                log.info("First sendings: {}; refusals took {} ms at p99", OutageLoad.byOutcome(answers),
                        OutageLoad.refusalMillisPercentile(answers, 99));

                assertThat(notReady.status()).as("readiness while PostgreSQL is away: %s", notReady.raw()).isEqualTo(503);
                assertThat(readyAgain.status()).as("readiness once PostgreSQL is back: %s", readyAgain.raw()).isEqualTo(200);
                assertThat(OutageLoad.byOutcome(answers)).as("each command answered 200 or 503 ledger-busy, never a 500 nor nothing")
                        .containsOnlyKeys("200", "503 ledger-busy").containsKey("503 ledger-busy");
                assertThat(answers).filteredOn(answer -> answer.status() == 503).as("a refusal says when to retry")
                        .allSatisfy(answer -> assertThat(answer.retryAfterSeconds()).isPositive());
                OutageLoad.Retries retries = load.retryUntilAnswered(answers);

                OutageChecks.Applied stored = OutageChecks.inTheStore(service.bean(JdbcTemplate.class), partner[0], answers);
                OutageChecks.Applied history = OutageChecks.inTheHistory(client, partner[1], load, answers);
                OutageFigures figures = OutageFigures.of("database-restart", backAt - crashedAt, answers,
                        OutageLoad.millisUntilAnswered(answers, backAt), stored);
                log.info(figures.line());
                log.info("Retried {} commands ({} had been applied before: answered as replays), at most {} sendings each",
                        retries.retried(), retries.replayed(), retries.sendingsMax());
                assertThat(stored.foundOnce()).as("every key once in the store: %s", stored).isEqualTo(answers.size());
                assertThat(history.foundOnce()).as("every key once in the history: %s", history).isEqualTo(answers.size());
                OutageChecks.balancesAddUp(client, partner[1], load, answers);
                JsonNode projections = OutageChecks.projectionsCaughtUp(client);
                assertThat(OutageChecks.caughtUp(projections)).as("every processor caught up by itself: %s", projections).isTrue();
                Reply audit = OutageChecks.auditVerification(client);
                assertThat(audit.text("status")).as(audit.raw()).isEqualTo("clean");
            }
        }
    }

    private static Reply readiness(LedgerClient client) {
        return client.send("GET", "/actuator/health/readiness", null);
    }

    /** Polls readiness until it answers {@code status}, at most a minute; answers the last reply. */
    private static Reply awaitReadiness(LedgerClient client, int status) throws InterruptedException {
        long deadline = System.nanoTime() + PROBE_WAIT_MAX.toNanos();
        Reply reply = readiness(client);
        while (reply.status() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            reply = readiness(client);
        }
        return reply;
    }
}
