package io.chipledger.api.segment;

import static io.chipledger.core.admin.AdminRole.MARKETING;
import static io.chipledger.core.admin.AdminRole.OPS;
import static io.chipledger.core.admin.AdminRole.SUPPORT;

import io.chipledger.api.admin.AdminCommands;
import io.chipledger.api.asset.AssetRegistry;
import io.chipledger.api.partner.KnownPartners;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.security.AdminAccess;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.wallet.WalletCommands.Origin;
import io.chipledger.core.ledger.RuleViolation;
import io.chipledger.core.segment.InvalidSegmentRuleException;
import io.chipledger.core.segment.SegmentRuleBook;
import io.chipledger.core.segment.SegmentRuleCommands;
import io.chipledger.core.segment.SegmentRuleDefinition;
import io.chipledger.projections.segment.SegmentRuleProjection;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A partner's segment rules (issue 17; roles {@code marketing} and {@code ops} write, {@code
 * support} reads). Every change is an event of the partner's rule book whose metadata names the
 * admin key. A rule is checked whole before anything is stored. Errors: 400 {@code
 * invalid-request} whose {@code field} points into the body ({@code condition/all/1/value}), 404
 * {@code unknown-partner} or {@code unknown-segment-rule}, 409 {@code segment-rule-name-taken}, 422
 * {@code segment-rules-limit} (100 a partner). A draft is previewed against the players as they
 * stand, without storing anything.
 */
@RestController
@RequestMapping("/admin/v1/partners/{partnerId}/segment-rules")
class SegmentRuleController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SegmentRuleProjection rules;
    private final AdminCommands commands;
    private final KnownPartners partners;
    private final AssetRegistry assets;
    private final SegmentPreview preview;

    SegmentRuleController(SegmentRuleProjection rules, AdminCommands commands, KnownPartners partners, AssetRegistry assets,
                          SegmentPreview preview) {
        this.rules = rules;
        this.commands = commands;
        this.partners = partners;
        this.assets = assets;
        this.preview = preview;
    }

    @Operation(operationId = "listSegmentRules", summary = "A partner's segment rules in evaluation order (priority, then rule id)")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping
    SegmentRuleResponses.SegmentRules listSegmentRules(@PathVariable String partnerId) {
        String partner = partners.require(partnerId);
        return new SegmentRuleResponses.SegmentRules(rules.rules(partner).stream().map(SegmentRuleResponses.SegmentRule::of).toList());
    }

    @Operation(operationId = "createSegmentRule", summary = "Add a segment rule; its condition is checked before it is stored")
    @AdminAccess({MARKETING, OPS})
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    ResponseEntity<SegmentRuleResponses.SegmentRule> createSegmentRule(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                                @RequestBody SegmentRuleRequests.SegmentRuleRequest body, HttpServletRequest http) {
        SegmentRuleDefinition rule = definition(body);
        String partner = partners.require(partnerId);
        String ruleId = "sr_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        commands.send(Origin.admin(admin, partner, http), new SegmentRuleCommands.Create(partner, ruleId, rule));
        return ResponseEntity.created(URI.create("/admin/v1/partners/" + partner + "/segment-rules/" + ruleId)).body(stored(partner, ruleId));
    }

    @Operation(operationId = "previewSegmentRule", summary = "How many and which players a draft rule would match now, and for how "
            + "many it would decide among the partner's rules; nothing is stored")
    @AdminAccess({MARKETING, OPS})
    @PostMapping("/preview")
    SegmentPreview.Answer previewSegmentRule(@PathVariable String partnerId, @RequestBody SegmentRuleRequests.SegmentRuleRequest body) {
        SegmentRuleDefinition rule = definition(body);
        return preview.preview(partners.require(partnerId), rule);
    }

    @Operation(operationId = "segmentRule", summary = "One segment rule")
    @AdminAccess({MARKETING, OPS, SUPPORT})
    @GetMapping("/{ruleId}")
    SegmentRuleResponses.SegmentRule segmentRule(@PathVariable String partnerId, @PathVariable String ruleId) {
        String partner = partners.require(partnerId);
        return stored(partner, known(ruleId));
    }

    @Operation(operationId = "updateSegmentRule", summary = "Rewrite a segment rule whole (enable or disable it with its 'enabled'); "
            + "the same definition again changes nothing")
    @AdminAccess({MARKETING, OPS})
    @PutMapping("/{ruleId}")
    SegmentRuleResponses.SegmentRule updateSegmentRule(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId,
                                                @PathVariable String ruleId, @RequestBody SegmentRuleRequests.SegmentRuleRequest body, HttpServletRequest http) {
        SegmentRuleDefinition rule = definition(body);
        String partner = partners.require(partnerId);
        String id = known(ruleId);
        commands.send(Origin.admin(admin, partner, http), new SegmentRuleCommands.Update(partner, id, rule));
        return stored(partner, id);
    }

    @Operation(operationId = "deleteSegmentRule", summary = "Delete a segment rule")
    @AdminAccess({MARKETING, OPS})
    @DeleteMapping("/{ruleId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteSegmentRule(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String ruleId,
                           HttpServletRequest http) {
        String partner = partners.require(partnerId);
        String id = known(ruleId);
        if (rules.rule(partner, id).isEmpty()) {
            throw unknown(id);
        }
        commands.send(Origin.admin(admin, partner, http), new SegmentRuleCommands.Delete(partner, id));
    }

    /** The body's rule, checked whole: 400 naming the first field that does not hold, pointing into the condition. */
    private SegmentRuleDefinition definition(SegmentRuleRequests.SegmentRuleRequest body) {
        if (body.name() == null) {
            throw new InvalidRequestException("name", "name is required");
        }
        if (body.segment() == null) {
            throw new InvalidRequestException("segment", "segment is required");
        }
        if (body.priority() == null) {
            throw new InvalidRequestException("priority", "priority is required: 0-" + SegmentRuleDefinition.PRIORITY_MAX + ", smaller first");
        }
        if (body.condition() == null) {
            throw new InvalidRequestException("condition", "condition is required");
        }
        SegmentRuleDefinition rule = new SegmentRuleDefinition(body.name(), body.segment(), body.priority(),
                body.enabled() == null || body.enabled(), JSON.valueToTree(body.condition()));
        try {
            return rule.validated(code -> assets.find(code).isPresent());
        } catch (InvalidSegmentRuleException refused) {
            String field = refused.pointer().substring(1);
            throw new InvalidRequestException(field, field + ": " + refused.reason());
        }
    }

    /** A rule id from the path: 400 when it is not one (nothing is looked up or echoed). */
    private static String known(String ruleId) {
        if (!SegmentRuleBook.RULE_ID.matcher(ruleId).matches()) {
            throw new InvalidRequestException("ruleId", "ruleId must be a segment rule's id: sr_ and 16 hex digits");
        }
        return ruleId;
    }

    private SegmentRuleResponses.SegmentRule stored(String partnerId, String ruleId) {
        return rules.rule(partnerId, ruleId).map(SegmentRuleResponses.SegmentRule::of).orElseThrow(() -> unknown(ruleId));
    }

    private static RuleViolation unknown(String ruleId) {
        return new RuleViolation(RuleViolation.Rule.UNKNOWN_SEGMENT_RULE, "no segment rule " + ruleId + " for this partner");
    }
}
