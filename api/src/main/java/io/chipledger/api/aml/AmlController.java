package io.chipledger.api.aml;

import static io.chipledger.core.admin.AdminRole.AML;
import static io.chipledger.core.admin.AdminRole.SUPER;

import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.idempotency.IdempotencyKeyReusedException;
import io.chipledger.api.input.Instants;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.projection.ConsistentReads;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.Pages;
import io.chipledger.api.wallet.RequestFields;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.api.wallet.WalletIds;
import io.chipledger.core.aml.AmlAlert;
import io.chipledger.core.aml.AmlAlertCommands;
import io.chipledger.core.aml.AmlAlertStatus;
import io.chipledger.core.aml.AmlSeverity;
import io.chipledger.core.wallet.WalletId;
import io.chipledger.projections.aml.AmlAlertProjection;
import io.chipledger.projections.aml.AmlAlertProjection.AlertFilter;
import io.chipledger.projections.aml.AmlAlertProjection.AlertView;
import io.chipledger.projections.aml.AmlEngineProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
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
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The AML investigators' API (issue 15; role {@code aml}, and {@code super}): the alert queue with
 * filters, one alert with its workflow, the workflow's steps (assign, status, note), an
 * investigator's own alert, a player's risk profile, and a rescan. Every step is an event whose
 * metadata names the admin key. Errors: 400 {@code invalid-request} naming the field, 404
 * {@code unknown-aml-alert}, {@code unknown-aml-profile} or {@code unknown-partner}, 409
 * {@code status-conflict} for a step the alert's status does not allow, 422 {@code rescan-too-large}.
 */
@RestController
@RequestMapping("/admin/v1/aml")
class AmlController {

    static final int PAGE_SIZE_DEFAULT = 50;
    private static final Logger log = LoggerFactory.getLogger(AmlController.class);
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0," + (AmlAlert.NAME_LENGTH_MAX - 1) + "}");

    private final AmlAlertProjection alerts;
    private final AmlEngineProjection engine;
    private final AdminCommands commands;
    private final KnownPartners partners;
    private final ConsistentReads consistentReads;
    private final AmlProfiles profiles;
    private final AmlRescan rescan;
    private final Clock clock;

    AmlController(AmlAlertProjection alerts, AmlEngineProjection engine, AdminCommands commands, KnownPartners partners,
                  ConsistentReads consistentReads, AmlProfiles profiles, AmlRescan rescan, Clock clock) {
        this.alerts = alerts;
        this.engine = engine;
        this.commands = commands;
        this.partners = partners;
        this.consistentReads = consistentReads;
        this.profiles = profiles;
        this.rescan = rescan;
        this.clock = clock;
    }

    @Operation(operationId = "listAmlAlerts", summary = "The alert queue, newest first, filtered by partner, player, status, severity and "
            + "when raised ([from, to))")
    @AdminAccess({SUPER, AML})
    @GetMapping("/alerts")
    AmlResponses.AlertPage listAmlAlerts(@RequestParam(name = "partner_id", required = false) String partnerId,
                                         @RequestParam(name = "player_id", required = false) String playerId,
                                         @Parameter(schema = @Schema(allowableValues = {"NEW", "INVESTIGATING", "CLOSED", "REPORTED"}))
                                         @RequestParam(required = false) String status,
                                         @Parameter(schema = @Schema(allowableValues = {"LOW", "MEDIUM", "HIGH", "CRITICAL"}))
                                         @RequestParam(required = false) String severity,
                                         @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to,
                                         @RequestParam(required = false) String cursor, @RequestParam(required = false) Integer limit) {
        int pageSize = RequestFields.pageSize(limit, PAGE_SIZE_DEFAULT, AmlAlertProjection.PAGE_SIZE_MAX);
        String partner = optionalPartner(partnerId);
        if (playerId != null && partner == null) {
            throw new InvalidRequestException("player_id", "player_id is a player of one partner: give partner_id too");
        }
        String player = playerId == null ? null : WalletIds.of(partner, playerId).playerId();
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidRequestException("to", "to must be after from");
        }
        if (cursor != null && (!AmlAlert.ID.matcher(cursor).matches() || alerts.alert(cursor).isEmpty())) {
            throw new InvalidRequestException("cursor", "cursor must be the next_cursor of a previous page");
        }
        AlertFilter filter = new AlertFilter(partner, player,
                status == null ? null : RequestFields.oneOf("status", status, AmlAlertStatus.class),
                severity == null ? null : RequestFields.oneOf("severity", severity, AmlSeverity.class), from, to, cursor);
        Pages.Page<AlertView> page = Pages.of(alerts.alerts(filter, pageSize + 1), pageSize, AlertView::alertId);
        return new AmlResponses.AlertPage(page.rows().stream().map(AmlResponses.Alert::of).toList(), page.nextCursor());
    }

    @Operation(operationId = "raiseAmlAlert", summary = "Raise an alert about a player by hand")
    @AdminAccess({SUPER, AML})
    @PostMapping("/alerts")
    @ResponseStatus(HttpStatus.CREATED)
    AmlResponses.AlertDetail raiseAmlAlert(@AuthenticationPrincipal AdminPrincipal admin, @RequestBody AmlRequests.RaiseAlert body,
                                           @Parameter(description = "optional: the same key raises the alert once; a retry answers it again")
                                           @RequestHeader(value = RequestFields.IDEMPOTENCY_KEY_HEADER, required = false) String key,
                                           HttpServletRequest http) {
        // Every field's shape first, so a malformed request is a 400 whatever partner it names.
        String playerId = WalletIds.playerId(required("player_id", body.playerId()));
        String type = name("type", body.type());
        AmlSeverity severity = RequestFields.oneOf("severity", body.severity(), AmlSeverity.class);
        int score = body.score() == null ? 0 : body.score();
        if (score < 0 || score > AmlAlert.SCORE_MAX) {
            throw new InvalidRequestException("score", "score must be 0.." + AmlAlert.SCORE_MAX);
        }
        String note = body.note() == null ? null : text("note", body.note());
        String idempotencyKey = key == null ? null : RequestFields.idempotencyKey(null, key);
        String partnerId = partners.requireField("partner_id", body.partnerId());
        WalletId player = WalletIds.of(partnerId, playerId);
        String alertId = "aml:manual:" + (idempotencyKey == null ? UUID.randomUUID()
                : UUID.nameUUIDFromBytes((partnerId + "\n" + idempotencyKey).getBytes(StandardCharsets.UTF_8)));
        Optional<AlertView> raised = alerts.alert(alertId);
        if (raised.isPresent()) {
            AlertView alert = raised.get();
            if (!alert.playerId().equals(player.playerId()) || !alert.type().equals(type) || alert.severity() != severity
                    || alert.score() != score) {
                throw new IdempotencyKeyReusedException(idempotencyKey);
            }
            return detail(alertId);
        }
        Origin origin = Origin.admin(admin, partnerId, http);
        commands.send(origin, new AmlAlertCommands.Raise(alertId, partnerId, player.playerId(), type, severity, score, List.of(), null));
        if (note != null) {
            commands.send(origin, new AmlAlertCommands.AddNote(alertId, note));
        }
        return detail(alertId);
    }

    @Operation(operationId = "amlAlert", summary = "One alert with every step of its investigation")
    @AdminAccess({SUPER, AML})
    @GetMapping("/alerts/{alertId}")
    AmlResponses.AlertDetail amlAlert(@PathVariable String alertId) {
        AlertView alert = known(alertId);
        return AmlResponses.AlertDetail.of(alert, alerts.steps(alert.alertId()));
    }

    @Operation(operationId = "assignAmlAlert", summary = "Give an open alert to an investigator")
    @AdminAccess({SUPER, AML})
    @PostMapping("/alerts/{alertId}/assignment")
    AmlResponses.AlertDetail assignAmlAlert(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String alertId,
                                            @RequestBody AmlRequests.Assignment body, HttpServletRequest http) {
        AlertView alert = known(alertId);
        String assignee = required("assignee", body.assignee());
        if (assignee.isBlank() || RequestFields.characters(assignee) > AmlAlert.NAME_LENGTH_MAX) {
            throw new InvalidRequestException("assignee", "assignee must be 1-" + AmlAlert.NAME_LENGTH_MAX + " characters");
        }
        commands.send(Origin.admin(admin, alert.partnerId(), http), new AmlAlertCommands.Assign(alert.alertId(), assignee));
        return detail(alert.alertId());
    }

    @Operation(operationId = "changeAmlAlertStatus", summary = "Move an alert on: NEW to INVESTIGATING, then CLOSED (with a reason) or "
            + "REPORTED (with the report's reference)")
    @AdminAccess({SUPER, AML})
    @PostMapping("/alerts/{alertId}/status")
    AmlResponses.AlertDetail changeAmlAlertStatus(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String alertId,
                                                  @RequestBody AmlRequests.StatusChange body, HttpServletRequest http) {
        AlertView alert = known(alertId);
        AmlAlertStatus next = nextStatus(body.status());
        if (body.reason() != null && next != AmlAlertStatus.CLOSED) {
            throw new InvalidRequestException("reason", "reason goes with CLOSED only");
        }
        if (body.reportReference() != null && next != AmlAlertStatus.REPORTED) {
            throw new InvalidRequestException("report_reference", "report_reference goes with REPORTED only");
        }
        Object command = switch (next) {
            case INVESTIGATING -> new AmlAlertCommands.StartInvestigation(alert.alertId());
            case CLOSED -> new AmlAlertCommands.Close(alert.alertId(), RequestFields.reason(body.reason()));
            case REPORTED -> new AmlAlertCommands.Report(alert.alertId(), reference(body.reportReference()));
            case NEW -> throw new IllegalStateException("nextStatus never answers NEW");
        };
        commands.send(Origin.admin(admin, alert.partnerId(), http), command);
        return detail(alert.alertId());
    }

    @Operation(operationId = "addAmlAlertNote", summary = "Add an investigator's note to an alert (in any status)")
    @AdminAccess({SUPER, AML})
    @PostMapping("/alerts/{alertId}/notes")
    @ResponseStatus(HttpStatus.CREATED)
    AmlResponses.AlertDetail addAmlAlertNote(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String alertId,
                                             @RequestBody AmlRequests.Note body, HttpServletRequest http) {
        AlertView alert = known(alertId);
        commands.send(Origin.admin(admin, alert.partnerId(), http), new AmlAlertCommands.AddNote(alert.alertId(), text("note", body.note())));
        return detail(alert.alertId());
    }

    @Operation(operationId = "amlPlayerProfile", summary = "A player's risk profile: score, level, 7 and 30-day figures, the factors found")
    @AdminAccess({SUPER, AML})
    @GetMapping("/players/{playerId}")
    AmlResponses.Profile amlPlayerProfile(@PathVariable String playerId,
                                          @Parameter(description = "the player's partner", required = true)
                                          @RequestParam(name = "partner_id", required = false) String partnerId,
                                          @RequestParam(name = "consistent_with", required = false) Long consistentWith) {
        String partner = partners.requireField("partner_id", partnerId);
        WalletId player = WalletIds.of(partner, playerId);
        consistentReads.prepare(AmlEngineProjection.GROUP, consistentWith, player.toString());
        return engine.profile(partner, player.playerId()).map(state -> profiles.of(state, clock.instant()))
                .orElseThrow(() -> new UnknownAmlProfileException(partner, player.playerId()));
    }

    @Operation(operationId = "amlRescan", summary = "Run the engine again over a period with the current thresholds: what it would raise, "
            + "and, only when asked, raise it")
    @AdminAccess({SUPER, AML})
    @PostMapping("/rescan")
    AmlResponses.RescanReport amlRescan(@AuthenticationPrincipal AdminPrincipal admin, @RequestBody AmlRequests.Rescan body) {
        Instant from = instant("from", body.from());
        Instant to = instant("to", body.to());
        if (!from.isBefore(to) || from.plus(AmlRescan.PERIOD_MAX).isBefore(to)) {
            throw new InvalidRequestException("to", "to must be after from, at most " + AmlRescan.PERIOD_MAX.toDays() + " days");
        }
        String partner = optionalPartner(body.partnerId());
        boolean raise = Boolean.TRUE.equals(body.raise());
        // Not an event (the alerts it raises are, under the engine's name), so the log says who asked.
        log.info("AML rescan of {} to {} (partner {}, raise {}) requested by {}", from, to, partner, raise, admin.actor());
        return AmlResponses.RescanReport.of(partner, from, to, raise, rescan.rescan(partner, from, to, raise));
    }

    private AmlResponses.AlertDetail detail(String alertId) {
        AlertView alert = alerts.alert(alertId).orElseThrow(() -> new UnknownAmlAlertException(alertId));
        return AmlResponses.AlertDetail.of(alert, alerts.steps(alertId));
    }

    /** An alert's id from the path: 400 when it is not an alert id at all (nothing is looked up or echoed), 404 when no alert has it. */
    private AlertView known(String alertId) {
        if (!AmlAlert.ID.matcher(alertId).matches()) {
            throw new InvalidRequestException("alertId", "alertId must be an AML alert's id: aml: and 1-124 letters, digits, '_', '.', ':' or '-'");
        }
        return alerts.alert(alertId).orElseThrow(() -> new UnknownAmlAlertException(alertId));
    }

    /** The status an investigator moves an alert to: never back to NEW. */
    private static AmlAlertStatus nextStatus(String value) {
        for (AmlAlertStatus status : List.of(AmlAlertStatus.INVESTIGATING, AmlAlertStatus.CLOSED, AmlAlertStatus.REPORTED)) {
            if (status.name().equals(value)) {
                return status;
            }
        }
        throw new InvalidRequestException("status", value == null ? "status is required"
                : "status must be one of INVESTIGATING, CLOSED, REPORTED (an alert never goes back to NEW)");
    }

    /** An optional partner filter: absent is all partners, but an empty or malformed one is a mistake, not "all". */
    private String optionalPartner(String partnerId) {
        if (partnerId == null) {
            return null;
        }
        if (partnerId.isEmpty()) {
            throw new InvalidRequestException("partner_id", "partner_id must be a partner id: p_ and 16 hex digits; leave it out for all");
        }
        return partners.requireField("partner_id", partnerId);
    }

    private static String required(String field, String value) {
        if (value == null) {
            throw new InvalidRequestException(field, field + " is required");
        }
        return value;
    }

    private static String name(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidRequestException(field, field + " must be 1-" + AmlAlert.NAME_LENGTH_MAX
                    + " lower-case letters, digits or '_', starting with a letter");
        }
        return value;
    }

    private static String text(String field, String value) {
        if (value == null || value.isBlank() || RequestFields.characters(value) > AmlAlert.TEXT_LENGTH_MAX) {
            throw new InvalidRequestException(field, field + " must be 1-" + AmlAlert.TEXT_LENGTH_MAX + " characters");
        }
        return value;
    }

    private static String reference(String value) {
        if (value == null || value.isBlank() || RequestFields.characters(value) > AmlAlert.NAME_LENGTH_MAX) {
            throw new InvalidRequestException("report_reference", "report_reference must be 1-" + AmlAlert.NAME_LENGTH_MAX + " characters");
        }
        return value;
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidRequestException(field, field + " is required");
        }
        try {
            return Instants.parse(value);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidRequestException(field, field + " must be " + Instants.RULE);
        }
    }
}
