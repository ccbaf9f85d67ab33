package io.chipledger.api.job;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code chipledger.jobs.parked{job=…}}: the items each background job has parked now, read from
 * the table on each scrape, so every node reports the cluster's count.
 */
@Component
class ParkedJobGauges implements MeterBinder {

    static final String NAME = "chipledger.jobs.parked";

    private final ParkedJobItems parked;

    ParkedJobGauges(ParkedJobItems parked) {
        this.parked = parked;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Job job : Job.values()) {
            Gauge.builder(NAME, parked, items -> items.parked(job))
                    .tag("job", job.jobName())
                    .description("items the job could not process and set aside until an operator retries them")
                    .register(registry);
        }
    }
}
