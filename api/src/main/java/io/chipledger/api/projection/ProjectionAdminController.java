package io.chipledger.api.projection;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.projection.DeadLetters.ParkedEvent;
import io.chipledger.api.projection.DeadLetters.RetryOutcome;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.Pages.Page;
import io.chipledger.api.wallet.RequestFields;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators see how far each projection has read and what it parked, rebuild one from the start
 * of history (its reset handler empties its tables and it replays every event), send history again
 * through a delivery group (the ClickHouse sink, the Kafka publisher), and retry the events it
 * parked. A rebuild is safe to repeat, and the status shows its progress (position
 * against head) while it runs. Every tracking group, the wallet activity feed included, can have
 * parked events; the feed is not rebuildable (it sends commands, and they are already recorded).
 */
@RestController
@RequestMapping("/admin/v1/projections")
class ProjectionAdminController {

    static final int PARKED_PAGE_SIZE_DEFAULT = 50;

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdminController.class);

    private final ProjectionPositions positions;
    private final DeadLetters deadLetters;
    private final ProjectionRebuild rebuild;
    private final RebuildingProjections rebuilding;
    private final DeliveryResend resend;

    ProjectionAdminController(ProjectionPositions positions, DeadLetters deadLetters, ProjectionRebuild rebuild,
                              RebuildingProjections rebuilding, DeliveryResend resend) {
        this.positions = positions;
        this.deadLetters = deadLetters;
        this.rebuild = rebuild;
        this.rebuilding = rebuilding;
        this.resend = resend;
    }

    /**
     * One tracking group: how far it has read against the newest event, whether it is rebuilding,
     * and what it parked. {@code position} is the lowest token index of the group's segments, and
     * {@code lag_events} is {@code head - position}: positions the slowest segment has not yet
     * seen. Gaps below the index (appends in flight, or holes left by rolled-back ones) are not
     * counted, so a hole never shows as lag; reads decide by {@link HandledPositions}, not by this.
     * {@code replaying}: a rebuild's replay has not yet read up to where the projection stood when it
     * was reset, whichever node runs it (read from the shared tokens); its reads answer 503
     * {@code projection-rebuilding} meanwhile.
     */
    record ProjectionStatus(String name, long position, long head, long lagEvents, boolean replaying, long parkedEvents) {
    }

    /** A page of parked events; {@code nextCursor} is null on the last page. */
    record ParkedEvents(String name, List<ParkedEvent> parked, String nextCursor) {
    }

    @GetMapping
    @AdminAccess({SUPER, OPS, SUPPORT})
    List<ProjectionStatus> projectionStatus() {
        long head = positions.head();
        Map<String, Long> parked = deadLetters.parkedPerGroup();
        Set<String> replaying = rebuilding.replaysNow().keySet();
        return deadLetters.groups().stream().map(name -> {
            long position = positions.position(name);
            return new ProjectionStatus(name, position, head, ProjectionPositions.lag(head, position), replaying.contains(name),
                    parked.get(name));
        }).toList();
    }

    /**
     * Empties the projection and replays every event into it ({@link ProjectionRebuild}); 202 with its
     * status, after about two seconds (every node must refuse the projection's reads before its
     * tables are emptied). While it replays, the projection's reads answer 503
     * {@code projection-rebuilding} on every node. 404 for an unknown or unrebuildable name; 409
     * {@code rebuild-refused} when another node holds one of the projection's segments: rebuild
     * there, or with the other nodes stopped; 503 {@code rebuild-failed} when its tables could not be
     * emptied (locked for over 5 s, a database error). Neither resets anything, and the projection goes on.
     */
    @PostMapping("/{name}/rebuild")
    @AdminAccess({SUPER, OPS})
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus rebuildProjection(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String name) {
        if (!TrackingGroups.READ_MODELS.contains(name)) {
            throw new UnknownProjectionException(name, TrackingGroups.READ_MODELS);
        }
        // Not an event (nothing in the ledger changes), so the log is where an operator sees who rebuilt what.
        log.info("Rebuild of projection {} requested by {}", name, admin.actor());
        rebuild.rebuild(name);
        long head = positions.head();
        return new ProjectionStatus(name, -1, head, ProjectionPositions.lag(head, -1), true, deadLetters.parked(name));
    }

    /**
     * Sends events again through a delivery group, {@code clickhouse-sink} or {@code kafka-publisher}
     * ({@link DeliveryResend}): from the first event stored at or after {@code since} (an ISO-8601
     * instant, years 2000-9999), or from the start of history without it. 202 with the group's status,
     * once its position is moved back; it then sends at its own pace, and {@code lag_events} shows how
     * much is left. Duplicates are what a resend is for: ClickHouse's tables and Kafka's consumers
     * deduplicate by event id. Parked events stay parked. 404 {@code unknown-projection} for a name
     * that is no delivery group running here; 409 {@code resend-refused} when another node holds one of
     * its segments (nothing changed).
     */
    @PostMapping("/{name}/resend")
    @AdminAccess({SUPER, OPS})
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus resendEvents(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String name,
                                  @RequestParam(required = false) Instant since) {
        log.info("Resend of {} from {} requested by {}", name, since == null ? "the start" : since, admin.actor());
        resend.resend(name, since);
        return new ProjectionStatus(name, positions.position(name), positions.head(), positions.lag(name), false, deadLetters.parked(name));
    }

    /**
     * The group's parked events, by wallet and order within it, {@code limit} (1..200, default 50)
     * per page; {@code cursor} is the previous page's {@code next_cursor}. 404 for an unknown group.
     */
    @GetMapping("/{name}/dead-letters")
    @AdminAccess({SUPER, OPS, SUPPORT})
    ParkedEvents parkedEvents(@PathVariable String name, @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PARKED_PAGE_SIZE_DEFAULT, DeadLetters.PAGE_SIZE_MAX);
        Page<ParkedEvent> page = deadLetters.list(name, cursor, pageSize);
        return new ParkedEvents(name, page.rows(), page.nextCursor());
    }

    /**
     * Hands the parked events of up to 100 wallets back to the group's handlers, after the fault
     * that parked them has been fixed. Safe to repeat: an event that goes through leaves the queue,
     * one that fails again stays parked with its new cause. 404 for an unknown group.
     */
    @PostMapping("/{name}/dead-letters/retry")
    @AdminAccess({SUPER, OPS})
    RetryOutcome retryParkedEvents(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String name) {
        deadLetters.requireGroup(name);
        log.info("Retry of the events projection {} parked, requested by {}", name, admin.actor());
        return deadLetters.retry(name);
    }
}
