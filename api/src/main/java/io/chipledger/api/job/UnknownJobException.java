package io.chipledger.api.job;

import io.chipledger.api.problem.Echo;

/** An admin request names a background job the ledger does not run: 404 {@code unknown-job}. */
public class UnknownJobException extends RuntimeException {

    UnknownJobException(String jobName) {
        super("no background job " + Echo.of(jobName) + "; the jobs are " + Job.names());
    }
}
