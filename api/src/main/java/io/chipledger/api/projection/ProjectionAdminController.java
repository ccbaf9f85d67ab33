package io.chipledger.api.projection;

import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPER;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.problem.Echo;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.projections.activity.PlayerActivityProjection;
import io.chipledger.projections.history.WalletTransactionProjection;
import io.chipledger.projections.play.PlayLogProjection;
import io.chipledger.projections.purchase.PurchaseHistoryProjection;
import io.chipledger.projections.wallet.WalletBalanceProjection;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators see how far each rebuildable projection has read, and rebuild one from the start of
 * history: its reset handler empties its tables and it replays every event. A rebuild is safe to
 * repeat, and the status shows its progress (position against head) while it runs.
 */
@RestController
@RequestMapping("/admin/v1/projections")
class ProjectionAdminController {

    static final List<String> REBUILDABLE = List.of(WalletBalanceProjection.GROUP, WalletTransactionProjection.GROUP,
            PlayLogProjection.GROUP, PurchaseHistoryProjection.GROUP, PlayerActivityProjection.GROUP);

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdminController.class);

    private final ProjectionPositions positions;
    private final ProjectionProgress progress;
    private final EventProcessingConfiguration processing;

    ProjectionAdminController(ProjectionPositions positions, ProjectionProgress progress, EventProcessingConfiguration processing) {
        this.positions = positions;
        this.progress = progress;
        this.processing = processing;
    }

    /**
     * {@code position} is the lowest token index of the projection's segments, and
     * {@code lag_events} is {@code head - position}: positions the slowest segment has not yet
     * seen. Gaps below the index (appends in flight, or holes left by rolled-back ones) are not
     * counted, so a hole never shows as lag; reads decide by {@link HandledPositions}, not by this.
     */
    record ProjectionStatus(String name, long position, long head, long lagEvents, boolean replaying) {
    }

    @GetMapping
    @AdminAccess({SUPER, OPS, SUPPORT})
    List<ProjectionStatus> status() {
        long head = positions.head();
        return REBUILDABLE.stream().map(name -> {
            long position = positions.position(name);
            return new ProjectionStatus(name, position, head, Math.max(0, head - position), processor(name).isReplaying());
        }).toList();
    }

    @PostMapping("/{name}/rebuild")
    @AdminAccess({SUPER, OPS})
    @ResponseStatus(HttpStatus.ACCEPTED)
    ProjectionStatus rebuild(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String name) {
        if (!REBUILDABLE.contains(name)) {
            throw new IllegalArgumentException("unknown projection " + Echo.of(name) + "; rebuildable: " + REBUILDABLE);
        }
        // Not an event (nothing in the ledger changes), so the log is where an operator sees who rebuilt what.
        log.info("Rebuild of projection {} requested by {}", name, admin.actor());
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        processor.resetTokens();
        // What this node saw before the reset must not answer reads while the read model is rebuilt.
        progress.forget(name);
        processor.start();
        long head = positions.head();
        return new ProjectionStatus(name, -1, head, head + 1, true);
    }

    private StreamingEventProcessor processor(String name) {
        return processing.eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("projection " + name + " has no streaming processor"));
    }
}
