package io.chipledger.api.problem;

import io.chipledger.api.input.Text;

/**
 * What an answer may repeat of what a client sent: a short, printable excerpt. A problem document
 * names the value it refuses so the caller can find it, but must never mirror a whole hostile
 * value back (or into a log).
 */
public final class Echo {

    public static final int LENGTH_MAX = 64;

    private Echo() {
    }

    public static String of(Object value) {
        String text = String.valueOf(value);
        String excerpt = text.length() > LENGTH_MAX ? text.substring(0, LENGTH_MAX) + "…" : text;
        return printable(excerpt);
    }

    /** The text with every character {@link Text} forbids shown as '?'. */
    static String printable(String text) {
        StringBuilder printable = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            printable.append(Text.hasForbiddenCharacter(String.valueOf(c)) ? '?' : c);
        }
        return printable.toString();
    }
}
