package io.chipledger.api.audit;

import static io.chipledger.core.admin.AdminRole.AUDITOR;
import static io.chipledger.core.admin.AdminRole.SUPER;

import io.chipledger.api.audit.AuditHistory.AuditEvent;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.UnknownWalletException;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.core.wallet.WalletId;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
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
 * The audit API (issue 13), read-only, for the roles {@code auditor} and {@code super}: every event
 * of a wallet, or of any aggregate (a partner, an admin key, a player's profile), as the event
 * store holds it, with who caused it and its hash chain; a wallet's balances at any instant from
 * its events alone. Pages of at most 500 events by sequence: {@code after} is the
 * {@code next_cursor} of the page before.
 */
@RestController
@AdminAccess({SUPER, AUDITOR})
@RequestMapping("/audit/v1")
class AuditController {

    static final int PAGE_SIZE_DEFAULT = 100;
    static final int CHECKPOINT_PAGE_SIZE_MAX = 1_000;
    /** An aggregate id as the store names them: a wallet {@code p_…:player}, {@code profile:p_…:player}, a partner, an admin key. */
    static final Pattern AGGREGATE_ID = Pattern.compile("[A-Za-z0-9_.:\\-]{1,200}");
    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private final AuditHistory history;
    private final AuditBalances balances;
    private final AuditVerifications verifications;
    private final ChainCheckpoints checkpoints;
    private final KnownPartners partners;
    private final Clock clock;

    AuditController(AuditHistory history, AuditBalances balances, AuditVerifications verifications, ChainCheckpoints checkpoints,
                    KnownPartners partners, Clock clock) {
        this.checkpoints = checkpoints;
        this.partners = partners;
        this.history = history;
        this.balances = balances;
        this.verifications = verifications;
        this.clock = clock;
    }

    /** One page of events, in sequence order; {@code next_cursor} is the last event's sequence when the page is full. */
    record AuditEventPage(List<AuditEvent> events, Long nextCursor) {
    }

    @GetMapping("/wallets/{partnerId}/{playerId}/events")
    AuditEventPage walletEvents(@PathVariable String partnerId, @PathVariable String playerId,
                                @RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        WalletId wallet = WalletIds.of(partnerId, playerId);
        if (!history.exists(wallet.toString())) {
            throw new UnknownWalletException(wallet);
        }
        return page(wallet.toString(), after, limit);
    }

    /**
     * The wallet's balances at a point of its history, summed from the postings of its stored
     * events, not read from a projection: at {@code at} (an ISO-8601 instant; now when neither is
     * given) or through global {@code position} (a command's answered position gives exactly the
     * balances it answered). Not both.
     */
    @GetMapping("/wallets/{partnerId}/{playerId}/balances")
    AuditBalances.BalancesAt walletBalances(@PathVariable String partnerId, @PathVariable String playerId,
                                            @RequestParam(required = false) Instant at, @RequestParam(required = false) Long position) {
        WalletId wallet = WalletIds.of(partnerId, playerId);
        if (!history.exists(wallet.toString())) {
            throw new UnknownWalletException(wallet);
        }
        return balances.of(wallet.toString(), point(at, position));
    }

    /** The partner's system accounts at a point of the history (as for a wallet), summed from its wallets' stored events. */
    @GetMapping("/partners/{partnerId}/system-accounts")
    AuditBalances.SystemAccountsAt systemAccountsAt(@PathVariable String partnerId, @RequestParam(required = false) Instant at,
                                                    @RequestParam(required = false) Long position) {
        return balances.systemAccounts(partners.require(partnerId), point(at, position));
    }

    private AuditBalances.Point point(Instant at, Long position) {
        if (at != null && position != null) {
            throw new InvalidRequestException("position", "name a point of the history by at or by position, not both");
        }
        if (position != null && position < 0) {
            throw new InvalidRequestException("position", "position is a global position, 0 or more");
        }
        return new AuditBalances.Point(at == null && position == null ? clock.instant() : at, position);
    }

    /**
     * Starts a verification of the whole store (sequences, hash chains, postings, balances;
     * docs/audit.md) in the background: 202 with its id, then {@code GET /audit/v1/verifications/{id}}
     * for its progress and report. One at a time per node; it only reads, so it may be run again.
     */
    @PostMapping("/verifications")
    @ResponseStatus(HttpStatus.ACCEPTED)
    AuditVerifications.Verification startVerification(@AuthenticationPrincipal AdminPrincipal admin) {
        return verifications.start(admin.actor());
    }

    /** A verification's progress ({@code events_checked} of {@code events_total}) and, once done, its report. */
    @GetMapping("/verifications/{verificationId}")
    AuditVerifications.Verification verification(@PathVariable String verificationId) {
        if (!CANONICAL_UUID.matcher(verificationId).matches()) {
            throw new InvalidRequestException("verification_id", "verification_id is a UUID in its canonical form");
        }
        return verifications.find(UUID.fromString(verificationId)).orElseThrow(() -> new UnknownVerificationException(verificationId));
    }

    /** A page of checkpoints, oldest first; {@code next_cursor} is the last one's position when the page is full. */
    record CheckpointPage(List<ChainCheckpoints.Checkpoint> checkpoints, Long nextCursor) {
    }

    /**
     * The store's checkpoints after position {@code after} (default 0), oldest first, at most
     * {@code limit} (1..1000, default 100) per page: each seals every event at or before its
     * position (docs/audit.md). Keep copies outside the database and give them to
     * {@code audit verify --checkpoints}.
     */
    @GetMapping("/checkpoints")
    CheckpointPage checkpoints(@RequestParam(required = false) Long after, @RequestParam(required = false) Integer limit) {
        if (after != null && after < 0) {
            throw new InvalidRequestException("after", "after is a global position, 0 or more");
        }
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, CHECKPOINT_PAGE_SIZE_MAX);
        List<ChainCheckpoints.Checkpoint> page = checkpoints.list(after == null ? 0 : after, pageSize);
        return new CheckpointPage(page, page.size() == pageSize ? page.get(page.size() - 1).position() : null);
    }

    @GetMapping("/aggregates/{aggregateId}/events")
    AuditEventPage aggregateEvents(@PathVariable String aggregateId, @RequestParam(required = false) Long after,
                                   @RequestParam(required = false) Integer limit) {
        if (!AGGREGATE_ID.matcher(aggregateId).matches()) {
            throw new InvalidRequestException("aggregate_id", "aggregate_id must be 1-200 letters, digits, '_', '.', ':' or '-'");
        }
        if (!history.exists(aggregateId)) {
            throw new UnknownAggregateException(aggregateId);
        }
        return page(aggregateId, after, limit);
    }

    private AuditEventPage page(String aggregateId, Long after, Integer limit) {
        if (after != null && after < -1) {
            throw new InvalidRequestException("after", "after is a sequence number, -1 or more");
        }
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, AuditHistory.PAGE_SIZE_MAX);
        List<AuditEvent> events = history.events(aggregateId, after == null ? -1 : after, pageSize);
        return new AuditEventPage(events, events.size() == pageSize ? events.get(events.size() - 1).sequence() : null);
    }
}
