package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The client behind trusted proxies is read from X-Forwarded-For from the right; a header from anyone else is ignored. */
class ClientAddressesTest {

    private final ClientAddresses addresses = new ClientAddresses(new AccessProperties(List.of("10.0.0.0/8", "2001:db8:1::/48"),
            new AccessProperties.RateLimitSettings(true, new RateLimit(1, 1), new RateLimit(1, 1), Duration.ZERO)));

    @Test
    void aPeerThatIsNoTrustedProxyIsTheClientWhateverItForwards() {
        assertThat(client("198.51.100.7", "203.0.113.9")).isEqualTo("198.51.100.7");
        assertThat(client("198.51.100.7")).isEqualTo("198.51.100.7");
    }

    @Test
    void behindTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertThat(client("10.0.0.2", "203.0.113.9")).isEqualTo("203.0.113.9");
        // The client forged the leftmost entry; the proxies appended the rest.
        assertThat(client("10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.5")).isEqualTo("203.0.113.9");
        assertThat(client("10.0.0.2", "1.1.1.1", "203.0.113.9, 10.0.0.5")).as("several header lines read as one list").isEqualTo("203.0.113.9");
        assertThat(client("2001:db8:1::2", "2001:DB8:2::0001")).isEqualTo("2001:db8:2::1");
    }

    @Test
    void onlyProxiesForwardingIsAsFarAsAnyoneCanTell() {
        assertThat(client("10.0.0.2")).isEqualTo("10.0.0.2");
        assertThat(client("10.0.0.2", "10.0.0.7")).isEqualTo("10.0.0.7");
    }

    @Test
    void aHopThatIsNotAnAddressMakesTheClientUnknown() {
        assertThat(client("10.0.0.2", "localhost")).isEqualTo(ClientAddresses.UNKNOWN);
        assertThat(client("10.0.0.2", "203.0.113.9:443")).isEqualTo(ClientAddresses.UNKNOWN);
        assertThat(client("10.0.0.2", "203.0.113.9, ")).isEqualTo(ClientAddresses.UNKNOWN);
        // Left of an untrusted hop nothing is read, garbage included.
        assertThat(client("10.0.0.2", "garbage, 203.0.113.9")).isEqualTo("203.0.113.9");
    }

    private String client(String peer, String... forwardedFor) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        for (String line : forwardedFor) {
            request.addHeader("X-Forwarded-For", line);
        }
        return addresses.of(request);
    }
}
