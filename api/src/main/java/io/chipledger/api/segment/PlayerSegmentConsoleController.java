package io.chipledger.api.segment;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.security.ConsoleAccess;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The segment section of the console's player page (issue 21, support): the player's segment, the
 * rule that decided it, and its changes (newest first, at most 100), from {@link SegmentController}.
 * A player not segmented yet: the API's 404, shown in the section.
 */
@ConsoleController
class PlayerSegmentConsoleController {

    private final SegmentController segments;

    PlayerSegmentConsoleController(SegmentController segments) {
        this.segments = segments;
    }

    /** The fragment that fills the segment section. */
    @GetMapping("/console/players/{partnerId}/{playerId}/segment")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/players/{playerId}/segment-changes")
    String segment(@PathVariable String partnerId, @PathVariable String playerId, Model model) {
        model.addAttribute("segment", segments.playerSegmentChanges(partnerId, playerId));
        return "console/player-parts :: segment";
    }
}
