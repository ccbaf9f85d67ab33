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
 * The shape of a partner API key: {@code ck_<prefix>_<secret>}. The prefix (12 hex characters)
 * finds the key; the secret (32 random bytes) is shown once and kept only as its SHA-256 hash.
 * A hash without salt is enough here because the secret is random, not a password.
 */
public final class ApiKeys {

    private static final Pattern FORMAT = Pattern.compile("ck_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeys() {
    }

    public record NewKey(String prefix, String secretHash, String plainText) {
    }

    public record PresentedKey(String prefix, String secret) {
    }

    public static NewKey generate() {
        byte[] prefixBytes = new byte[6];
        byte[] secretBytes = new byte[32];
        RANDOM.nextBytes(prefixBytes);
        RANDOM.nextBytes(secretBytes);
        String prefix = HexFormat.of().formatHex(prefixBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        return new NewKey(prefix, Sha256.hex(secret), "ck_" + prefix + "_" + secret);
    }

    /** Splits a presented key, or null when it cannot be a key of ours. */
    public static PresentedKey parse(String presented) {
        if (presented == null) {
            return null;
        }
        Matcher matcher = FORMAT.matcher(presented);
        return matcher.matches() ? new PresentedKey(matcher.group(1), matcher.group(2)) : null;
    }

    /** Compares in constant time, so the response time says nothing about how much of a secret was right. */
    public static boolean matches(String secret, String expectedHash) {
        return MessageDigest.isEqual(Sha256.hex(secret).getBytes(StandardCharsets.US_ASCII),
                expectedHash.getBytes(StandardCharsets.US_ASCII));
    }

    public static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(Sha256.hex(presented).getBytes(StandardCharsets.US_ASCII),
                Sha256.hex(expected).getBytes(StandardCharsets.US_ASCII));
    }
}
