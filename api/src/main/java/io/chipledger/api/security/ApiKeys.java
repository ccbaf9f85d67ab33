package io.chipledger.api.security;

import io.chipledger.core.audit.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shape of the keys the ledger issues: {@code ck_<prefix>_<secret>} for a partner,
 * {@code ca_<prefix>_<secret>} for an admin. The prefix (12 hex characters) finds the key; the
 * secret (32 random bytes, base64url) is shown once and kept only as its SHA-256 hash. A hash
 * without salt is enough because the secret is random, not a password.
 */
public final class ApiKeys {

    /** Which kind of key, by the letters before its first '_'. */
    public enum Kind {
        PARTNER("ck"),
        ADMIN("ca");

        private final Pattern format;
        private final String tag;

        Kind(String tag) {
            this.tag = tag;
            this.format = Pattern.compile(tag + "_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public record NewKey(String prefix, String secretHash, String plainText) {
    }

    public record PresentedKey(String prefix, String secret) {
    }

    public static NewKey generate(Kind kind) {
        byte[] prefixBytes = new byte[6];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(prefixBytes);
        RANDOM.nextBytes(secretBytes);
        String prefix = HexFormat.of().formatHex(prefixBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return new NewKey(prefix, Sha256.hex(secret), kind.tag + "_" + prefix + "_" + secret);
    }

    /** Splits a presented key of that kind, or null when it cannot be one of ours. */
    public static PresentedKey parse(Kind kind, String presented) {
        if (presented == null) {
            return null;
        }
        Matcher matcher = kind.format.matcher(presented);
        return matcher.matches() ? new PresentedKey(matcher.group(1), matcher.group(2)) : null;
    }

    /** Compares in constant time, so the response time says nothing about how much of a secret was right. */
    public static boolean matches(String secret, String expectedHash) {
        return MessageDigest.isEqual(Sha256.hex(secret).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Compares two secrets in constant time by their hashes, which have the same length whatever was sent. */
    public static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(Sha256.hex(presented).getBytes(StandardCharsets.US_ASCII),
                Sha256.hex(expected).getBytes(StandardCharsets.US_ASCII));
    }
}
