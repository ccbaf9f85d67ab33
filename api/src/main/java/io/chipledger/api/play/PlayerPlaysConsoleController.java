package io.chipledger.api.play;

import io.chipledger.api.console.ConsoleController;
import io.chipledger.api.security.ConsoleAccess;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The plays section of the console's player page (issue 21, support): the partner's play log for
 * the one player, newest first, a page at a time, from {@link PlayAdminController} (the API's
 * default page size; {@code cursor} is the page's {@code next_cursor}).
 */
@ConsoleController
class PlayerPlaysConsoleController {

    private final PlayAdminController plays;

    PlayerPlaysConsoleController(PlayAdminController plays) {
        this.plays = plays;
    }

    /** The fragment that fills the plays section: game, stake, rewards, outcome and when. */
    @GetMapping("/console/players/{partnerId}/{playerId}/plays")
    @ConsoleAccess("GET /admin/v1/partners/{partnerId}/plays")
    String plays(@PathVariable String partnerId, @PathVariable String playerId, @RequestParam(required = false) Long cursor, Model model) {
        model.addAttribute("partnerId", partnerId);
        model.addAttribute("playerId", playerId);
        model.addAttribute("cursor", cursor);
        model.addAttribute("plays", plays.partnerPlays(partnerId, playerId, null, null, null, cursor, null));
        return "console/player-parts :: plays";
    }
}
