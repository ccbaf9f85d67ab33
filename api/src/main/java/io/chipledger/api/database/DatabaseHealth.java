package io.chipledger.api.database;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The health component {@code database}, part of readiness: {@code DOWN} while PostgreSQL cannot
 * be reached (a node that cannot record anything should get no traffic), answered within a
 * couple of seconds even then ({@link DatabaseReachability}), never the pool's 10 s wait.
 */
@Component("database")
class DatabaseHealth implements HealthIndicator {

    private final DatabaseReachability reachability;

    DatabaseHealth(DatabaseReachability reachability) {
        this.reachability = reachability;
    }

    @Override
    public Health health() {
        if (reachability.away() || !reachability.check()) {
            return Health.down().withDetail("database", "away: commands are refused with 503 ledger-busy until it answers").build();
        }
        return Health.up().build();
    }
}
