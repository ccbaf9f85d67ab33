package io.chipledger.api.job;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's background jobs that set aside items they cannot process ({@link ParkedJobItems}).
 * The name is the one on the wire, in the {@code parked_job_item} table and in the metric's tag.
 */
public enum Job {
    /** Releases two-phase withdrawals past their deadline (WithdrawalExpirySweeper). */
    WITHDRAWAL_EXPIRY("withdrawal-expiry"),
    /** Closes game rounds idle for longer than the round timeout (RoundTimeoutSweeper). */
    ROUND_TIMEOUT("round-timeout"),
    /** Raises the alerts the AML engine decided on (AmlAlertRaiser). */
    AML_ALERTS("aml-alerts"),
    /** Records the segment changes the segment processor decided (SegmentChangeRecorder). */
    SEGMENT_CHANGES("segment-changes"),
    /** Delivers running campaigns to their segments' players (CampaignDeliveryJob). */
    CAMPAIGN_DELIVERIES("campaign-deliveries");

    private final String jobName;

    Job(String jobName) {
        this.jobName = jobName;
    }

    public String jobName() {
        return jobName;
    }

    /** The job of that name, exactly as written. */
    public static Optional<Job> named(String jobName) {
        return Arrays.stream(values()).filter(job -> job.jobName.equals(jobName)).findFirst();
    }

    static List<String> names() {
        return Arrays.stream(values()).map(Job::jobName).toList();
    }
}
