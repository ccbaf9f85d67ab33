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
        StringBuilder echo = new StringBuilder(Math.min(text.length(), LENGTH_MAX + 1));
        for (int i = 0; i < text.length() && echo.length() < LENGTH_MAX; i++) {
            char c = text.charAt(i);
            echo.append(Text.hasForbiddenCharacter(String.valueOf(c)) ? '?' : c);
        }
        return text.length() > LENGTH_MAX ? echo.append('…').toString() : echo.toString();
    }
}
