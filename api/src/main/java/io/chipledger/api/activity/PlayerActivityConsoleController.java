package io.chipledger.api.activity;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.security.ConsoleAccess;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The activity section of the console's player page (issue 21, support): the player's activity
 * figures from {@link ActivityAdminController}. No activity recorded: the API's 404
 * {@code unknown-player}, shown in the section.
 */
@ConsoleController
class PlayerActivityConsoleController {

    private final ActivityAdminController activities;

    PlayerActivityConsoleController(ActivityAdminController activities) {
        this.activities = activities;
    }

    /** The fragment that fills the activity section: last login, charge, bonus use, activity; plays per game; seconds played. */
    @GetMapping("/console/players/{partnerId}/{playerId}/activity")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/players/{playerId}/activity")
    String activity(@PathVariable String partnerId, @PathVariable String playerId, Model model) {
        model.addAttribute("activity", activities.playerActivityForStaff(partnerId, playerId));
        return "console/player-parts :: activity";
    }
}
