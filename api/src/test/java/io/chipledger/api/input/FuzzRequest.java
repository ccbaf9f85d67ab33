package io.chipledger.api.input;

import java.util.List;
import java.util.Map;

/**
 * One request the fuzz sends, before the try's own partner and key are known: {@code path} and
 * {@code body} may hold the markers {@link #PARTNER}, {@link #PLAYER} and {@link #KEY_ID}, which
 * the sender replaces. {@code pathAndQuery} is already percent-encoded; {@code body} is null for
 * none; {@code contentType} null for none.
 */
record FuzzRequest(String operation, String method, String pathAndQuery, String body, String contentType, Encoding encoding,
                   KeyChoice key, List<Map.Entry<String, String>> headers) {

    static final String PARTNER = "${partner}";
    static final String PLAYER = "${player}";
    static final String KEY_ID = "${key}";

    /** How the body's text becomes bytes, and what {@code Content-Encoding} says about them. */
    enum Encoding {
        UTF_8, UTF_16, ISO_8859_1, BYTE_ORDER_MARK, BROKEN_UTF_8, GZIP, GZIP_HEADER_ONLY, BROTLI_HEADER, UNKNOWN_ENCODING_HEADER
    }

    /** Which key the request carries: the operation's own kind with its rights, or one of the ways to get it wrong. */
    enum KeyChoice {
        OWN, NONE, MALFORMED, WRONG_SECRET, OTHER_KIND, BOTH, TWICE, OVERSIZED
    }

    @Override
    public String toString() {
        String shownBody = body == null ? "(none)" : body.length() > 300 ? body.substring(0, 300) + "…(" + body.length() + " chars)" : body;
        String shownPath = pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "…" : pathAndQuery;
        return method + " " + shownPath + " [" + operation + "] key=" + key + " content-type=" + contentType + " encoding=" + encoding
                + " headers=" + headers.stream().map(header -> header.getKey() + ": " + abbreviated(header.getValue())).toList()
                + " body=" + shownBody;
    }

    private static String abbreviated(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…(" + value.length() + ")" : value;
    }
}
