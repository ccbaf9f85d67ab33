package io.chipledger.api.job;

import io.chipledger.api.FailuresOfTheMoment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The threads of the {@code @Scheduled} jobs (the sweepers, the chain checkpoints). Without a
 * scheduler of its own, Spring runs them on the only {@code ScheduledExecutorService} bean it
 * finds, the command-retry thread, where a long checkpoint would hold back the retry of lost
 * races on the command path.
 */
@Configuration(proxyBeanMethods = false)
class ScheduledJobsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ScheduledJobsConfiguration.class);

    /** Jobs at once: the two sweepers, the checkpoints and the AML alert raiser each get a thread. */
    static final int JOB_THREADS = 4;

    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(JOB_THREADS);
        scheduler.setThreadNamePrefix("ledger-job-");
        scheduler.setDaemon(true);
        scheduler.setErrorHandler(ScheduledJobsConfiguration::runFailed);
        return scheduler;
    }

    /**
     * A run that failed for the moment (the database away: every run of every job fails until it is
     * back) is one WARN line, not a stack trace a run; the next run goes on (docs/operations.md,
     * parked job items). Anything else is logged whole, as Spring would.
     */
    private static void runFailed(Throwable failure) {
        if (FailuresOfTheMoment.isOfTheMoment(failure)) {
            log.warn("A job's run failed for the moment; the next run goes on: {}", failure.toString());
        } else {
            log.error("A job's run failed", failure);
        }
    }
}
