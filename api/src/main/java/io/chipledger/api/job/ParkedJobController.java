package io.chipledger.api.job;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.job.ParkedJobItems.After;
import io.chipledger.api.job.ParkedJobItems.ParkedItem;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.RequestFields;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * What background jobs have parked, and the operator's retry. Reads for {@code super},
 * {@code ops} and {@code support}; a retry for {@code super} and {@code ops}, logged with who asked.
 */
@RestController
@RequestMapping("/admin/v1/jobs/parked")
class ParkedJobController {

    static final int PAGE_SIZE_DEFAULT = 50;
    /** The item keys jobs mint: the withdrawal expiry's is partner:player:withdrawal id. */
    private static final Pattern ITEM_KEY = Pattern.compile("[A-Za-z0-9_.:/-]{1," + ParkedJobItems.ITEM_KEY_LENGTH_MAX + "}");
    private static final Logger log = LoggerFactory.getLogger(ParkedJobController.class);

    private final ParkedJobItems parked;

    ParkedJobController(ParkedJobItems parked) {
        this.parked = parked;
    }

    /** One page in (job, item key) order; {@code next_cursor} (job:item key of the last row) while more follow. */
    record ParkedItemPage(List<ParkedItem> parkedItems, String nextCursor) {
    }

    /** @param unparked how many items were parked and will be tried again by the job's next run; 0 when none was */
    record RetryResponse(String job, String itemKey, int unparked) {
    }

    /**
     * Every parked item, and those whose retry has not run yet ({@code retry_requested_at} set).
     * {@code limit} 1-200, 50 by default; a bad limit or cursor is a 400 problem.
     */
    @GetMapping
    @AdminAccess({SUPER, OPS, SUPPORT})
    ParkedItemPage listParkedItems(@RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, ParkedJobItems.PAGE_SIZE_MAX);
        After after = cursor == null ? null : cursor(cursor);
        Pages.Page<ParkedItem> page = Pages.of(parked.page(after, pageSize + 1), pageSize,
                item -> item.job() + ":" + item.itemKey());
        return new ParkedItemPage(page.rows(), page.nextCursor());
    }

    /**
     * Unparks the job's items (or the one named) so that its next run, within 30 s, tries them
     * again: 202 with how many were parked, 0 when none was (nothing to do is not an error). An
     * unknown job is a 404 {@code unknown-job}; a malformed item key a 400.
     */
    @PostMapping("/{job}/retry")
    @AdminAccess({SUPER, OPS})
    @ResponseStatus(HttpStatus.ACCEPTED)
    RetryResponse retryParkedItems(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable("job") String jobName,
                        @RequestBody(required = false) RetryRequest body) {
        Job job = Job.named(jobName).orElseThrow(() -> new UnknownJobException(jobName));
        String itemKey = body == null || body.itemKey() == null ? null : itemKey("item_key", body.itemKey());
        int unparked = itemKey == null ? parked.retry(job) : parked.retry(job, itemKey);
        // Not an event (no balance changes here), so the log is where an operator sees who retried what.
        log.info("Retry of {} parked items of job {}{} requested by {}", unparked, job.jobName(),
                itemKey == null ? "" : " (item " + itemKey + ")", admin.actor());
        return new RetryResponse(job.jobName(), itemKey, unparked);
    }

    /** A cursor is the last row's {@code job:item key}; a job's name holds no colon, so the first one splits it. */
    private static After cursor(String cursor) {
        int colon = cursor.indexOf(':');
        if (colon < 1 || Job.named(cursor.substring(0, colon)).isEmpty()) {
            throw new InvalidRequestException("cursor", "cursor must be a next_cursor this listing answered");
        }
        return new After(cursor.substring(0, colon), itemKey("cursor", cursor.substring(colon + 1)));
    }

    private static String itemKey(String field, String value) {
        if (!ITEM_KEY.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " must hold an item key: 1-" + ParkedJobItems.ITEM_KEY_LENGTH_MAX
                    + " letters, digits, '_', '.', ':', '/' or '-'");
        }
        return value;
    }
}
