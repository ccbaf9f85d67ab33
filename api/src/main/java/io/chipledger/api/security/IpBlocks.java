package io.chipledger.api.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * IP addresses and CIDR blocks as the access rules take them (IP allow-lists, trusted proxies,
 * {@code X-Forwarded-For}): literals only, parsed without any DNS lookup, in one canonical form
 * (IPv4 dotted quad; IPv6 in RFC 5952's compressed lower case), so the same block is always
 * stored and compared as the same text. Matching is Spring Security's {@link IpAddressMatcher}.
 * The two families stay apart: {@code ::/0} holds no IPv4 client and {@code 0.0.0.0/0} no IPv6
 * one; a client that arrives as an IPv4-mapped IPv6 address ({@code ::ffff:192.0.2.1}) is the IPv4 address.
 */
public final class IpBlocks {

    /** {@code 203.0.113.0/24}: four decimal octets, an optional prefix length. */
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}");
    /** Hex groups and colons (and a dotted tail): never a host name, never a zone ({@code %eth0}). */
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final Pattern PREFIX = Pattern.compile("[0-9]{1,3}");
    /** Distinct lists whose matchers are kept: one per partner with an allow-list, and the trusted proxies. */
    static final int LISTS_KEPT_MAX = 10_000;
    private static final Map<List<String>, List<IpAddressMatcher>> MATCHERS = new ConcurrentHashMap<>();

    private IpBlocks() {
    }

    /** An address literal in canonical form, or null when {@code text} is not one (a host name, a port, a zone, garbage). */
    public static String canonicalAddress(String text) {
        InetAddress address = parse(text);
        return address == null ? null : canonical(address);
    }

    /**
     * A CIDR block ({@code 10.0.0.0/8}, {@code 2001:db8::/32}; a bare address is a block of one) in
     * canonical form. Refused with the reason: not a literal, a prefix out of range, or bits set
     * beyond the prefix ({@code 10.0.0.1/8} is ambiguous: {@code 10.0.0.0/8} or {@code 10.0.0.1/32}?).
     */
    public static String canonicalBlock(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a CIDR block is text such as 203.0.113.0/24 or 2001:db8::/32");
        }
        int slash = text.indexOf('/');
        InetAddress address = parse(slash < 0 ? text : text.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IPv4 or IPv6 address: write a block such as 203.0.113.0/24 or 2001:db8::/32");
        }
        if (!(address instanceof Inet6Address) && text.indexOf(':') >= 0) {
            // An IPv4-mapped IPv6 block (::ffff:10.0.0.0/104) matches IPv4 clients: say so in their own notation, one way only.
            throw new IllegalArgumentException("an IPv4-mapped address: write the IPv4 block in dotted form, such as "
                    + address.getHostAddress() + "/32");
        }
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!PREFIX.matcher(length).matches() || Integer.parseInt(length) > bits) {
                throw new IllegalArgumentException("the prefix length must be 0 to " + bits);
            }
            prefix = Integer.parseInt(length);
        }
        byte[] bytes = address.getAddress();
        for (int bit = prefix; bit < bits; bit++) {
            if ((bytes[bit / 8] & (0x80 >>> (bit % 8))) != 0) {
                throw new IllegalArgumentException("bits are set beyond the /" + prefix + " prefix: write the block's first address");
            }
        }
        return canonical(address) + "/" + prefix;
    }

    /**
     * Matchers for canonical blocks, as {@link #canonicalBlock} gives them; each list is parsed once
     * and kept (at most {@link #LISTS_KEPT_MAX}), since an allow-list is matched on every request of its partner.
     */
    public static List<IpAddressMatcher> matchers(List<String> blocks) {
        if (MATCHERS.size() >= LISTS_KEPT_MAX) {
            MATCHERS.clear();
        }
        return MATCHERS.computeIfAbsent(List.copyOf(blocks), list -> list.stream().map(IpAddressMatcher::new).toList());
    }

    /** Whether an address lies in any of the blocks; text that is not an address literal lies in none (and is never looked up). */
    public static boolean contains(List<IpAddressMatcher> blocks, String address) {
        if (canonicalAddress(address) == null) {
            return false;
        }
        return blocks.stream().anyMatch(block -> block.matches(address));
    }

    private static InetAddress parse(String text) {
        if (text == null || !(IPV4.matcher(text).matches() || (text.indexOf(':') >= 0 && IPV6.matcher(text).matches()))) {
            return null;
        }
        try {
            // A literal (checked above), so no lookup: an IPv4-mapped IPv6 literal comes back as the IPv4 address.
            return InetAddress.getByName(text);
        } catch (UnknownHostException notALiteral) {
            return null;
        }
    }

    private static String canonical(InetAddress address) {
        return address instanceof Inet6Address ? compressed(address.getAddress()) : address.getHostAddress();
    }

    /** RFC 5952: lower-case hex without leading zeros, the longest run of two or more zero groups as {@code ::}. */
    private static String compressed(byte[] bytes) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int start = 0; start < 8; start++) {
            int length = 0;
            while (start + length < 8 && groups[start + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = start;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }
}
