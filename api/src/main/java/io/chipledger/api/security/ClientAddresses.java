package io.chipledger.api.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

/**
 * The address a request came from: what the IP allow-list, the rate limit per address and the
 * events' {@code request_ip} all take as the client.
 *
 * <p>The peer of the connection, unless the peer is one of {@code chipledger.access.trusted-proxies}:
 * then {@code X-Forwarded-For} is read from the right (each proxy appends the address it saw) and
 * the first address that is not a trusted proxy is the client. Entries to its left were written by
 * the client itself and are never believed. An entry that is not an address literal (a name, a
 * port, garbage) ends the walk: the client is then unknown ({@link #UNKNOWN}), which no
 * allow-list contains. A forged header from a peer that is not trusted changes nothing.
 */
@Component
public class ClientAddresses {

    /** The client of a request whose forwarding header could not be read: matched by no allow-list. */
    public static final String UNKNOWN = "unknown";
    /** {@code X-Forwarded-For} entries read at most, across all its lines; a longer chain is cut at the left. */
    static final int FORWARDED_HOPS_MAX = 20;
    private static final String ATTRIBUTE = ClientAddresses.class.getName();

    private final List<IpAddressMatcher> trustedProxies;

    ClientAddresses(AccessProperties properties) {
        this.trustedProxies = IpBlocks.matchers(properties.trustedProxies());
    }

    /** The client's address in canonical form ({@link IpBlocks}), or {@link #UNKNOWN}; worked out once a request. */
    public String of(HttpServletRequest request) {
        Object known = request.getAttribute(ATTRIBUTE);
        if (known instanceof String address) {
            return address;
        }
        String address = resolve(request);
        request.setAttribute(ATTRIBUTE, address);
        return address;
    }

    /**
     * The address {@link #of} worked out for this request (every request with a key has one), else
     * the peer's: for the events' {@code request_ip}, where the proxy's address would name the wrong client.
     */
    public static String recorded(HttpServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof String address ? address : request.getRemoteAddr();
    }

    private String resolve(HttpServletRequest request) {
        String peer = IpBlocks.canonicalAddress(request.getRemoteAddr());
        if (peer == null) {
            // A Unix socket or a test double: nothing to match, nothing to forge.
            return UNKNOWN;
        }
        if (!IpBlocks.contains(trustedProxies, peer)) {
            return peer;
        }
        List<String> hops = forwardedHops(request);
        String client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = IpBlocks.canonicalAddress(hops.get(i));
            if (hop == null) {
                return UNKNOWN;
            }
            client = hop;
            if (!IpBlocks.contains(trustedProxies, hop)) {
                return hop;
            }
        }
        // Every hop was a trusted proxy: the leftmost one is as far as anyone can tell.
        return client;
    }

    private static List<String> forwardedHops(HttpServletRequest request) {
        List<String> hops = new ArrayList<>();
        for (String line : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String entry : line.split(",", -1)) {
                hops.add(entry.strip());
            }
        }
        return hops.size() <= FORWARDED_HOPS_MAX ? hops : hops.subList(hops.size() - FORWARDED_HOPS_MAX, hops.size());
    }
}
