package io.chipledger.api.aml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.job.Job;
import io.chipledger.api.job.JobSweep;
import io.chipledger.api.job.ParkedJobItems;
import io.chipledger.core.aml.AmlAlertCommands;
import io.chipledger.projections.aml.AmlAlertProjection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Raises the alerts the AML engine decided on: each row of {@code aml_alert_outbox} (written with
 * the engine's token, so none is lost) becomes a {@link AmlAlertCommands.Raise} under the actor
 * {@value #ACTOR}, then leaves the outbox. An alert already raised (a replay of the engine, another
 * node, a crash between the command and the delete) is not raised again: its id is the transaction's
 * and type's. An alert that cannot be raised is parked (job {@code aml-alerts}, listed and retried
 * like every parked job item) and the others go on.
 */
@Component
class AmlAlertRaiser {

    static final String ACTOR = "system:aml-engine";
    static final int ALERTS_PER_SWEEP_MAX = 200;
    static final Job JOB = Job.AML_ALERTS;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(AmlAlertRaiser.class);

    private record Decided(String alertId, String command) {
    }

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final AmlAlertProjection alerts;
    private final ParkedJobItems parked;
    private final Clock clock;

    AmlAlertRaiser(JdbcTemplate jdbc, CommandGateway commands, AmlAlertProjection alerts, ParkedJobItems parked, Clock clock) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.alerts = alerts;
        this.parked = parked;
        this.clock = clock;
    }

    /** One sweep: at most {@link #ALERTS_PER_SWEEP_MAX} decided alerts, oldest first, none of them parked. */
    @Scheduled(fixedDelayString = "${chipledger.aml.alert-sweep:PT1S}")
    synchronized void raiseDecidedAlerts() {
        Instant startedAt = clock.instant();
        List<Decided> due = jdbc.query("SELECT o.alert_id, o.command FROM aml_alert_outbox o WHERE NOT EXISTS (SELECT 1 FROM "
                        + "parked_job_item p WHERE p.job = ? AND p.item_key = o.alert_id AND p.retry_requested_at IS NULL) "
                        + "ORDER BY o.enqueued_at, o.alert_id LIMIT ?",
                (row, index) -> new Decided(row.getString(1), row.getString(2)), JOB.jobName(), ALERTS_PER_SWEEP_MAX);
        JobSweep.run(JOB, parked, startedAt, due, ALERTS_PER_SWEEP_MAX, Decided::alertId, this::raise, this::park);
    }

    private void raise(Decided decided) {
        if (alerts.alert(decided.alertId()).isEmpty()) {
            AmlAlertCommands.Raise command = command(decided);
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("actor", ACTOR,
                        "partner_id", command.partnerId())));
            } catch (RuntimeException failed) {
                if (alerts.alert(decided.alertId()).isEmpty()) {
                    throw failed;
                }
                // Raised meanwhile by another node: the same alert, so nothing is lost.
            }
        }
        jdbc.update("DELETE FROM aml_alert_outbox WHERE alert_id = ?", decided.alertId());
    }

    private static AmlAlertCommands.Raise command(Decided decided) {
        try {
            return JSON.readValue(decided.command(), AmlAlertCommands.Raise.class);
        } catch (JsonProcessingException unreadable) {
            throw new IllegalStateException("decided alert " + decided.alertId() + " is unreadable: " + unreadable.getOriginalMessage());
        }
    }

    /** Logged once, here: the parked alert is left out of the sweeps until an operator retries it. */
    private void park(Decided decided, RuntimeException failed) {
        int attempts = parked.park(JOB, decided.alertId(), Map.of("alert_id", decided.alertId()), failed);
        log.warn("parked AML alert {} after {} failed attempt(s), until an operator retries it (POST /admin/v1/jobs/parked/{}/retry): {}",
                decided.alertId(), attempts, JOB.jobName(), failed.toString());
    }
}
