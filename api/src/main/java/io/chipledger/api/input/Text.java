package io.chipledger.api.input;

/**
 * The one rule every text a client sends obeys, whatever its field: no control characters. They
 * forge log lines, break the receipts' line-based canonical form, and PostgreSQL cannot store a
 * NUL at all, so a read model that met one would stop.
 */
public final class Text {

    public static final String RULE = "control characters (U+0000-U+001F, U+007F-U+009F), U+2028, U+2029, bidirectional "
            + "controls (U+202A-U+202E, U+2066-U+2069), U+FEFF and unpaired surrogates";

    private Text() {
    }

    /**
     * True when the text holds a C0 or C1 control, DEL, a line or paragraph separator, a
     * bidirectional embedding, override or isolate (they make a name or id display as another:
     * "Trojan Source"), a byte-order mark, or half a surrogate pair.
     */
    public static boolean hasForbiddenCharacter(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == '\u2028' || c == '\u2029' || (c >= '\u202A' && c <= '\u202E')
                    || (c >= '\u2066' && c <= '\u2069') || c == '\uFEFF') {
                return true;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
