package io.chipledger.api.job;

import io.chipledger.api.OperatorAttention;
import io.chipledger.api.job.ParkedJobItems.ParkedJob;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code jobs} component of {@code /actuator/health}: {@code DEGRADED} while any background
 * job has parked items, {@code UP} otherwise. DEGRADED answers 200 and is not part of the
 * liveness or readiness groups (application.yml): a parked item needs an operator, not a restart,
 * and the node still serves. Details, for staff allowed to see them:
 * {@code {"withdrawal-expiry":{"parked":3,"oldest_failed_at":"2026-…Z"}}}.
 */
@Component
class JobsHealthIndicator implements HealthIndicator {

    private final ParkedJobItems parked;

    JobsHealthIndicator(ParkedJobItems parked) {
        this.parked = parked;
    }

    @Override
    public Health health() {
        List<ParkedJob> jobs = parked.parkedJobs();
        Health.Builder health = jobs.isEmpty() ? Health.up() : Health.status(OperatorAttention.DEGRADED);
        // Texts, not Instants: the actuator writes details with its own ObjectMapper, not the API's.
        jobs.forEach(job -> health.withDetail(job.job(), Map.of("parked", job.parked(),
                "oldest_failed_at", job.oldestFailedAt().toString())));
        return health.build();
    }
}
