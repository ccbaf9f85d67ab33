package io.chipledger.api.job;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Which parked items of a job to try again.
 *
 * @param itemKey optional: only this item; absent (or no body at all): every parked item of the job
 */
record RetryRequest(@Schema(example = "p_0123456789abcdef:alice:wd-1") String itemKey) {
}
