package io.chipledger.api.segment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.console.ConsoleCsv;
import io.chipledger.api.console.ConsoleInput.JsonText;
import io.chipledger.api.console.ConsoleMenu;
import io.chipledger.api.console.ConsoleMenu.Section;
import io.chipledger.api.problem.InvalidRequestException;
import io.chipledger.api.report.CsvTable;
import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccess;
import io.chipledger.core.segment.SegmentRuleDefinition;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's segment pages for marketing staff (issue 21; docs/console.md, "Marketing";
 * docs/segments.md): a partner's segment rules, written and rewritten with the API's validation
 * message shown next to the rule where it does not hold, a draft previewed against the players now;
 * the partner's segment sizes and each segment's players, paged, with CSV. Each handler calls
 * {@link SegmentRuleController}'s or {@link SegmentController}'s handler for the same thing, so the
 * rule's checks, the commands, the actor ({@code admin-key:<id>}) and refusals are the API's. The
 * condition is typed as JSON (the language of docs/segments.md) and read by the API's own JSON
 * reader, as a request body is.
 */
@ConsoleController
class SegmentConsoleController {

    /** A segment's players in the CSV: pages of the API's largest page, up to this many. */
    static final int EXPORT_PLAYERS_MAX = 50_000;
    static final int MEMBERS_PAGE_SIZE = 100;
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    /** A new rule's condition as the form first shows it: an example to edit. */
    static final String CONDITION_EXAMPLE = "{\"all\": [\n  {\"field\": \"deposit_total\", \"asset\": \"USD\", \"op\": \">=\", \"value\": \"50.00\"}\n]}";

    private final SegmentRuleController rules;
    private final SegmentController segments;
    private final ObjectMapper json;

    SegmentConsoleController(SegmentRuleController rules, SegmentController segments, ObjectMapper json) {
        this.rules = rules;
        this.segments = segments;
        this.json = json;
    }

    /** The rule form's fields as typed, shown again with the API's answer. */
    record RuleForm(String name, String segment, String priority, boolean enabled, String condition) {

        /** The posted form's fields; an unticked "enabled" box is not sent, so it means disabled. */
        static RuleForm of(String name, String segment, String priority, String enabled, String condition) {
            return new RuleForm(name, segment, priority, enabled != null, condition);
        }
    }

    /**
     * The API's refusal of a rule: its message and the field it names ({@code condition/all/1/value}),
     * and which of the form's fields that is (the template reads them; it calls no methods).
     */
    record Refusal(String field, String message, boolean onName, boolean onSegment, boolean onPriority, boolean onCondition) {

        static Refusal of(InvalidRequestException refused) {
            String field = refused.field();
            return new Refusal(field, refused.getMessage(), on(field, "name"), on(field, "segment"), on(field, "priority"),
                    on(field, "condition"));
        }

        private static boolean on(String field, String form) {
            return field != null && (field.equals(form) || field.startsWith(form + "/"));
        }
    }

    /** The partner's rules in evaluation order, and a form to write a new one (partner picked by id). */
    @GetMapping("/console/segment-rules")
    @ConsoleMenu(section = Section.MARKETING, title = "Segment rules", order = 1)
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/segment-rules")
    String list(@RequestParam(name = "partner_id", defaultValue = "") String partnerId, Model model) {
        model.addAttribute("partnerId", partnerId.strip());
        if (!partnerId.isBlank()) {
            rulesSection(partnerId.strip(), new RuleForm("", "", "100", true, CONDITION_EXAMPLE), model);
        }
        return "console/segment-rules";
    }

    @GetMapping("/console/segment-rules.csv")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/segment-rules")
    ResponseEntity<CsvTable> exportRules(@RequestParam(name = "partner_id") String partnerId) throws JsonProcessingException {
        List<List<String>> rows = new ArrayList<>();
        for (SegmentRuleResponses.SegmentRule rule : rules.listSegmentRules(partnerId.strip()).rules()) {
            rows.add(List.of(rule.ruleId(), rule.name(), rule.segment(), Integer.toString(rule.priority()), Boolean.toString(rule.enabled()),
                    json.writeValueAsString(rule.condition()), Objects.toString(rule.updatedAt(), ""), Objects.toString(rule.updatedBy(), "")));
        }
        return ConsoleCsv.download("segment-rules", List.of("rule_id", "name", "segment", "priority", "enabled", "condition", "updated_at",
                "updated_by"), rows);
    }

    /** Stores a new rule; a rule that does not hold is shown again with the API's message next to the field it names (400). */
    @PostMapping("/console/segment-rules/{partnerId}")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/segment-rules")
    String create(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String segment,
                  @RequestParam(defaultValue = "") String priority, @RequestParam(required = false) String enabled,
                  @RequestParam(defaultValue = "") @JsonText String condition, HttpServletRequest http,
                  HttpServletResponse response, Model model) {
        RuleForm form = RuleForm.of(name, segment, priority, enabled, condition);
        try {
            SegmentRuleResponses.SegmentRule created = rules.createSegmentRule(admin, partnerId, request(form), http).getBody();
            model.addAttribute("created", created);
            rulesSection(partnerId, new RuleForm("", "", "100", true, CONDITION_EXAMPLE), model);
        } catch (InvalidRequestException refused) {
            refuse(refused, response, model);
            rulesSection(partnerId, form, model);
        }
        return "console/segment-rules :: rules";
    }

    /** What a draft would match now (count, players, deciding for how many); nothing stored. */
    @PostMapping("/console/segment-rules/{partnerId}/preview")
    @ConsoleAccess("POST /admin/v1/partners/{partnerId}/segment-rules/preview")
    String preview(@PathVariable String partnerId, @RequestParam(name = "rule_id", defaultValue = "") String ruleId, @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String segment,
                  @RequestParam(defaultValue = "") String priority, @RequestParam(required = false) String enabled,
                  @RequestParam(defaultValue = "") @JsonText String condition, 
                   HttpServletResponse response, Model model) {
        RuleForm form = RuleForm.of(name, segment, priority, enabled, condition);
        try {
            model.addAttribute("preview", rules.previewSegmentRule(partnerId, request(form)));
        } catch (InvalidRequestException refused) {
            refuse(refused, response, model);
        }
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("ruleId", ruleId.isBlank() ? null : ruleId);
        model.addAttribute("form", form);
        return "console/segment-rules :: ruleform";
    }

    /** One rule, to edit, enable or disable (rewritten whole), preview or delete. */
    @GetMapping("/console/segment-rules/{partnerId}/{ruleId}")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/segment-rules/{ruleId}")
    String rule(@PathVariable String partnerId, @PathVariable String ruleId, Model model) throws JsonProcessingException {
        SegmentRuleResponses.SegmentRule rule = rules.segmentRule(partnerId, ruleId);
        model.addAttribute("rule", rule);
        model.addAttribute("partnerId", rule.partnerId());
        model.addAttribute("ruleId", rule.ruleId());
        model.addAttribute("form", formOf(rule));
        return "console/segment-rule";
    }

    /** Rewrites the rule whole; refused as {@link #create} is. */
    @PostMapping("/console/segment-rules/{partnerId}/{ruleId}")
    @ConsoleAccess("PUT /admin/v1/partners/{partnerId}/segment-rules/{ruleId}")
    String update(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String ruleId,
                  @RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String segment,
                  @RequestParam(defaultValue = "") String priority, @RequestParam(required = false) String enabled,
                  @RequestParam(defaultValue = "") @JsonText String condition, HttpServletRequest http, HttpServletResponse response, Model model) throws JsonProcessingException {
        RuleForm form = RuleForm.of(name, segment, priority, enabled, condition);
        try {
            Object before = rules.segmentRule(partnerId, ruleId).updatedAt();
            SegmentRuleResponses.SegmentRule updated = rules.updateSegmentRule(admin, partnerId, ruleId, request(form), http);
            // The API records nothing for the definition the rule already has: say so, not "saved".
            model.addAttribute(Objects.equals(before, updated.updatedAt()) ? "unchanged" : "saved", true);
            model.addAttribute("form", formOf(updated));
        } catch (InvalidRequestException refused) {
            refuse(refused, response, model);
            model.addAttribute("form", form);
        }
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("ruleId", ruleId);
        return "console/segment-rules :: ruleform";
    }

    @PostMapping("/console/segment-rules/{partnerId}/{ruleId}/delete")
    @ConsoleAccess("DELETE /admin/v1/partners/{partnerId}/segment-rules/{ruleId}")
    String delete(@AuthenticationPrincipal AdminPrincipal admin, @PathVariable String partnerId, @PathVariable String ruleId,
                  HttpServletRequest http, Model model) {
        rules.deleteSegmentRule(admin, partnerId, ruleId, http);
        model.addAttribute("deleted", ruleId);
        model.addAttribute("partnerId", partnerId);
        return "console/segment-rule :: deleted";
    }

    /** The partner's segments by size, largest first. */
    @GetMapping("/console/segments")
    @ConsoleMenu(section = Section.MARKETING, title = "Segments", order = 2)
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/segments")
    String sizes(@RequestParam(name = "partner_id", defaultValue = "") String partnerId, Model model) {
        model.addAttribute("partnerId", partnerId.strip());
        if (!partnerId.isBlank()) {
            model.addAttribute("sizes", segments.segmentSizes(partnerId.strip()).segments());
        }
        return "console/segments";
    }

    @GetMapping("/console/segments.csv")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/segments")
    ResponseEntity<CsvTable> exportSizes(@RequestParam(name = "partner_id") String partnerId) {
        return ConsoleCsv.download("segments", List.of("segment", "players"), segments.segmentSizes(partnerId.strip()).segments().stream()
                .map(size -> List.of(size.segment(), Long.toString(size.players()))).toList());
    }

    /** A segment's players by player id, {@value #MEMBERS_PAGE_SIZE} a page; the cursor is the API's {@code next_cursor}. */
    @GetMapping("/console/segments/{partnerId}/{segment}")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/segments/{segment}/players")
    String members(@PathVariable String partnerId, @PathVariable String segment, @RequestParam(defaultValue = "") String cursor, Model model) {
        SegmentResponses.Members members = segments.segmentPlayers(partnerId, segment, cursor, MEMBERS_PAGE_SIZE);
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("segment", members.segment());
        model.addAttribute("members", members);
        model.addAttribute("first", cursor.isEmpty());
        return "console/segment-members";
    }

    /** Every player of the segment (up to {@value #EXPORT_PLAYERS_MAX}), as the pages list them. */
    @GetMapping("/console/segments/{partnerId}/{segment}.csv")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/segments/{segment}/players")
    ResponseEntity<CsvTable> exportMembers(@PathVariable String partnerId, @PathVariable String segment) {
        List<List<String>> rows = new ArrayList<>();
        String cursor = null;
        do {
            SegmentResponses.Members page = segments.segmentPlayers(partnerId, segment, cursor, SegmentController.PAGE_SIZE_MAX);
            for (SegmentResponses.PlayerSegment player : page.players()) {
                rows.add(List.of(player.playerId(), player.segment(), Objects.toString(player.ruleId(), ""),
                        Objects.toString(player.ruleName(), ""), Objects.toString(player.since(), ""), Objects.toString(player.decidedAt(), "")));
            }
            cursor = page.nextCursor();
        } while (cursor != null && rows.size() < EXPORT_PLAYERS_MAX);
        return ConsoleCsv.download("segment-" + segment, List.of("player_id", "segment", "rule_id", "rule_name", "since", "decided_at"), rows);
    }

    private void rulesSection(String partnerId, RuleForm form, Model model) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("rules", rules.listSegmentRules(partnerId).rules());
        model.addAttribute("form", form);
    }

    /** The form as the API's request body; a condition that is not JSON is refused as the API refuses an unreadable body. */
    private SegmentRuleRequests.SegmentRuleRequest request(RuleForm form) {
        Integer priority = null;
        if (form.priority() != null && !form.priority().isBlank()) {
            try {
                priority = Integer.valueOf(form.priority().strip());
            } catch (NumberFormatException notANumber) {
                throw new InvalidRequestException("priority", "priority must be a whole number 0-" + SegmentRuleDefinition.PRIORITY_MAX);
            }
        }
        Map<String, Object> condition = null;
        if (form.condition() != null && !form.condition().isBlank()) {
            try {
                condition = json.readValue(form.condition(), OBJECT);
            } catch (JsonProcessingException notJson) {
                // Where, not the JSON parser's own words (they echo the input and name its internals).
                throw new InvalidRequestException("condition", "condition is not a JSON object: it does not parse at line "
                        + notJson.getLocation().getLineNr() + ", column " + notJson.getLocation().getColumnNr());
            }
        }
        return new SegmentRuleRequests.SegmentRuleRequest(blankIsNull(form.name()), blankIsNull(form.segment()), priority, form.enabled(),
                condition);
    }

    private static String blankIsNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private RuleForm formOf(SegmentRuleResponses.SegmentRule rule) throws JsonProcessingException {
        return new RuleForm(rule.name(), rule.segment(), Integer.toString(rule.priority()), rule.enabled(),
                json.writerWithDefaultPrettyPrinter().writeValueAsString(rule.condition()));
    }

    /** The API's 400, kept on the form: the status is the API's, the message is shown by the field it names. */
    private static void refuse(InvalidRequestException refused, HttpServletResponse response, Model model) {
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        model.addAttribute("refusal", Refusal.of(refused));
    }
}
