package io.chipledger.core.segment;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a segment rule says (issue 17): its name (unique within the partner, whatever the case),
 * the segment code it puts matching players in, its priority (smaller first; the first rule that
 * matches decides), whether it is enabled, and its condition ({@link SegmentConditions}).
 *
 * @param name 1 to {@value #NAME_LENGTH_MAX} characters, no control characters
 * @param segment a code such as {@code VIP} or {@code DORMANT_SHORT}: {@value #SEGMENT_PATTERN}
 * @param priority 0 to {@value #PRIORITY_MAX}
 * @param condition the condition's JSON; {@link #validated} keeps its canonical form
 */
public record SegmentRuleDefinition(String name, String segment, int priority, boolean enabled, JsonNode condition) {

    public static final int NAME_LENGTH_MAX = 64;
    public static final int PRIORITY_MAX = 1_000_000;
    public static final String SEGMENT_PATTERN = "[A-Z][A-Z0-9_]{0,31}";
    private static final Pattern SEGMENT = Pattern.compile(SEGMENT_PATTERN);
    private static final Pattern NAME = Pattern.compile("[^\\p{Cc}\\p{Cf}]+");

    /**
     * The definition with its condition in canonical form.
     *
     * @throws InvalidSegmentRuleException saying where ({@code /name}, {@code /segment}, {@code /priority},
     *         {@code /condition/...}) when a part is out of its bounds or the condition departs from the language
     */
    public SegmentRuleDefinition validated() {
        return validated(asset -> true);
    }

    /** As {@link #validated()}, with the amounts' assets checked by {@code knownAsset} ({@link SegmentConditions#parse(JsonNode, java.util.function.Predicate)}). */
    public SegmentRuleDefinition validated(java.util.function.Predicate<String> knownAsset) {
        String written = name == null ? null : Normalizer.normalize(name, Normalizer.Form.NFC);
        if (written == null || written.isEmpty() || written.codePointCount(0, written.length()) > NAME_LENGTH_MAX
                || !NAME.matcher(written).matches() || space(written.codePointAt(0))
                || space(written.codePointBefore(written.length()))) {
            throw new InvalidSegmentRuleException("/name", "a rule's name is 1-" + NAME_LENGTH_MAX
                    + " characters, without control or invisible format characters (such as a zero-width space) anywhere, "
                    + "nor spaces (of any kind) around it");
        }
        if (segment == null || !SEGMENT.matcher(segment).matches()) {
            throw new InvalidSegmentRuleException("/segment", "a segment is a code matching " + SEGMENT_PATTERN + ", such as VIP");
        }
        if (priority < 0 || priority > PRIORITY_MAX) {
            throw new InvalidSegmentRuleException("/priority", "a rule's priority is 0-" + PRIORITY_MAX + " (smaller first)");
        }
        try {
            return new SegmentRuleDefinition(written, segment, priority, enabled, SegmentConditions.parse(condition, knownAsset).toJson());
        } catch (InvalidSegmentRuleException refused) {
            throw new InvalidSegmentRuleException("/condition" + refused.pointer(), refused.reason());
        }
    }

    /** The condition, read (a validated definition's always reads). */
    public SegmentCondition parsedCondition() {
        return SegmentConditions.parse(condition);
    }

    /**
     * What makes two names the same name: compatibility-normalised (NFKC: the ligature "ﬁ" is "fi")
     * and case-folded in full ("Straße" is "STRASSE", final sigma is sigma).
     */
    public static String nameKey(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }

    private static boolean space(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /**
     * Whether both say the same: conditions are compared as read, since the JSON of a stored one
     * may hold a number in another width than a fresh one (30 as an int, 30 as a long).
     */
    public boolean sameAs(SegmentRuleDefinition other) {
        return name.equals(other.name) && segment.equals(other.segment) && priority == other.priority && enabled == other.enabled
                && parsedCondition().equals(other.parsedCondition());
    }

    SegmentRuleDefinition withEnabled(boolean enabled) {
        return new SegmentRuleDefinition(name, segment, priority, enabled, condition);
    }
}
