package io.chipledger.core.campaign;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A campaign's message template and its rendering for one player, the text notification services
 * show (it travels in {@link CampaignRewardDeliveredEvent} and on Kafka). A placeholder is a name
 * in braces: {@code {player_id}} and {@code {campaign_name}} always, and what the reward offers
 * ({@link CampaignReward#placeholders}: {@code {amount}} and {@code {asset}} for a token grant).
 * Any other name in braces is refused when the campaign is created, so a typo never reaches a
 * player as {@code {amout}}; a brace not around a name is plain text.
 */
public final class CampaignMessage {

    /** Characters of a template, counted as code points. */
    public static final int TEMPLATE_LENGTH_MAX = 1_000;
    /** Placeholders in one template: with it, a rendered message stays within {@link #RENDERED_LENGTH_MAX}. */
    public static final int PLACEHOLDERS_MAX = 10;
    /** The longest value a placeholder renders (a campaign's name, a player id, an amount). */
    static final int VALUE_LENGTH_MAX = 100;
    public static final int RENDERED_LENGTH_MAX = TEMPLATE_LENGTH_MAX + PLACEHOLDERS_MAX * VALUE_LENGTH_MAX;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_]{1,32})}");

    private CampaignMessage() {
    }

    /** The names the template uses, in order of first use; refuses a template over the limits or naming what {@code known} lacks. */
    public static Set<String> check(String template, Set<String> known) {
        if (template == null) {
            throw new IllegalArgumentException("a campaign has a message template (it may be empty)");
        }
        if (template.codePointCount(0, template.length()) > TEMPLATE_LENGTH_MAX) {
            throw new IllegalArgumentException("a message template has at most " + TEMPLATE_LENGTH_MAX + " characters");
        }
        if (template.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("a message template holds no control characters");
        }
        Set<String> used = new LinkedHashSet<>();
        int count = 0;
        Matcher placeholder = PLACEHOLDER.matcher(template);
        while (placeholder.find()) {
            if (!known.contains(placeholder.group(1))) {
                throw new IllegalArgumentException("the message template names {" + placeholder.group(1) + "}, which this campaign "
                        + "does not have; it may name " + known.stream().sorted().map(name -> "{" + name + "}").toList());
            }
            used.add(placeholder.group(1));
            count++;
        }
        if (count > PLACEHOLDERS_MAX) {
            throw new IllegalArgumentException("a message template has at most " + PLACEHOLDERS_MAX + " placeholders");
        }
        return used;
    }

    /** The names a campaign's template may use. */
    public static Set<String> known(CampaignReward reward) {
        Set<String> known = new LinkedHashSet<>(Set.of("player_id", "campaign_name"));
        known.addAll(reward.placeholders().keySet());
        return known;
    }

    /** The template with each placeholder replaced by its value; checked when the campaign was created. */
    public static String render(String template, Map<String, String> values) {
        Matcher placeholder = PLACEHOLDER.matcher(template);
        StringBuilder rendered = new StringBuilder();
        while (placeholder.find()) {
            String value = values.get(placeholder.group(1));
            if (value == null || value.length() > VALUE_LENGTH_MAX) {
                throw new IllegalStateException("no value of at most " + VALUE_LENGTH_MAX + " characters for {" + placeholder.group(1) + "}");
            }
            placeholder.appendReplacement(rendered, Matcher.quoteReplacement(value));
        }
        placeholder.appendTail(rendered);
        return rendered.toString();
    }
}
