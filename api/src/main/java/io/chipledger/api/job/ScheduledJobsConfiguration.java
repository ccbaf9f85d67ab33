package io.chipledger.api.job;

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

    /** Jobs at once: the two sweepers, the checkpoints and the AML alert raiser each get a thread. */
    static final int JOB_THREADS = 4;

    @Bean(destroyMethod = "shutdown")
    ThreadPoolTaskScheduler taskScheduler() {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(JOB_THREADS);
        scheduler.setThreadNamePrefix("ledger-job-");
        scheduler.setDaemon(true);
        return scheduler;
    }
}
