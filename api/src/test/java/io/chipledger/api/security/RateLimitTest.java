package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.chipledger.api.LedgerApiTest;
import io.chipledger.api.LedgerClient.Reply;
import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.authentication.AuthenticationFilter;

/**
 * Rate limits per key (the partner's own, set by ops) and per client address: a 429 problem with
 * Retry-After, nothing done for the refused request, and buckets shared by every node through
 * PostgreSQL.
 */
class RateLimitTest extends LedgerApiTest {

    @Autowired
    private DataSource dataSource;
    @Autowired
    private FilterChainProxy filterChains;
    @Autowired
    private ProblemWriter problems;

    @Test
    void aKeyOverItsPartnersLimitGets429WithRetryAfterAndNothingIsStored() {
        String[] partner = client.newPartner();
        Reply set = client.admin("PUT", "/admin/v1/partners/" + partner[0] + "/rate-limit", "{\"requests_per_second\":1,\"burst\":3}");
        assertThat(set.status()).isEqualTo(200);
        assertThat(set.text("source")).isEqualTo("partner");

        List<Reply> replies = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            replies.add(client.post(partner[1], "/api/v1/wallets/rita/deposits",
                    "{\"amount\":\"1.00\",\"currency\":\"USD\",\"transaction_id_partner\":\"rl-" + i + "\"}"));
        }
        long accepted = replies.stream().filter(reply -> reply.status() == 200).count();
        List<Reply> limited = replies.stream().filter(reply -> reply.status() == 429).toList();
        assertThat(accepted + limited.size()).isEqualTo(8);
        assertThat(accepted).as("a burst of 3, and at most a few more refilled at 1 a second").isBetween(3L, 5L);
        Reply refused = limited.get(0);
        assertThat(refused.text("type")).endsWith("/rate-limited");
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(Long.parseLong(refused.retryAfter())).isBetween(1L, 2L);
        assertThat(eventCount(partner[0], "rita", "wallet.FundsDepositedEvent")).as("one event for each accepted deposit, none for a refused one").isEqualTo(accepted);
        assertThat(storedKeys(partner[0])).isEqualTo(accepted);

        Reply reset = client.admin("PUT", "/admin/v1/partners/" + partner[0] + "/rate-limit", "{}");
        assertThat(reset.text("source")).isEqualTo("default");
        assertThat(client.get(partner[1], "/api/v1/wallets/rita").status()).as("the default limit, a new bucket").isEqualTo(200);
    }

    @Test
    void badLimitsAreRefusedAndStoreNothing() {
        String partnerId = client.newPartner()[0];
        for (String body : new String[] {"{\"requests_per_second\":5}", "{\"burst\":5}", "{\"requests_per_second\":0,\"burst\":5}",
                "{\"requests_per_second\":5,\"burst\":4}", "{\"requests_per_second\":100001,\"burst\":100001}",
                "{\"requests_per_second\":\"5\",\"burst\":5}", "{\"requests_per_second\":5.5,\"burst\":6}"}) {
            assertThat(client.admin("PUT", "/admin/v1/partners/" + partnerId + "/rate-limit", body).status()).as(body).isEqualTo(400);
        }
        assertThat(eventsOf(partnerId, "partner.RateLimitChangedEvent")).isZero();
        assertThat(client.admin("PUT", "/admin/v1/partners/" + partnerId + "/rate-limit", "{\"requests_per_second\":100000,\"burst\":100000}")
                .status()).isEqualTo(200);
    }

    @Test
    void theAddressIsLimitedBeforeTheKeyIsReadAndTheKeyAfter() {
        // The API's chain: the one that reads key headers (the console's chain, first, takes a session instead).
        List<Class<?>> filters = filterChains.getFilterChains().stream()
                .map(chain -> chain.getFilters().stream().<Class<?>>map(Object::getClass).toList())
                .filter(chain -> chain.contains(AuthenticationFilter.class)).findFirst().orElseThrow();
        int keyCheck = filters.indexOf(AuthenticationFilter.class);
        assertThat(filters.subList(0, keyCheck)).as("the address's limit, before the key").contains(RateLimitFilter.class);
        assertThat(filters.subList(keyCheck + 1, filters.size())).as("the key's limit, after it").contains(RateLimitFilter.class);
    }

    @Test
    void anAddressOverItsLimitIsRefusedKeyOrNotHealthProbesAside() throws Exception {
        RateLimitFilter perAddress = RateLimitFilter.perAddress(new RateLimits(dataSource, settings(Duration.ZERO)), problems,
                new ClientAddresses(settings(Duration.ZERO)), new RateLimit(1, 2),
                SecurityConfiguration.healthProbes());
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        assertThat(status(perAddress, address, "/api/v1/wallets/x")).isEqualTo(200);
        assertThat(status(perAddress, address, "/api/v1/wallets/x")).isEqualTo(200);
        assertThat(status(perAddress, address, "/api/v1/wallets/x")).isEqualTo(429);
        assertThat(status(perAddress, address, "/actuator/health")).as("probes are not counted").isEqualTo(200);
        assertThat(status(perAddress, address, "/actuator/health/readiness")).isEqualTo(200);
        assertThat(status(perAddress, address, "/actuator/health/zzz")).as("a made-up path under health is counted").isEqualTo(429);
    }

    @Test
    void twoNodesShareOneBucket() {
        RateLimits nodeA = new RateLimits(dataSource, settings(Duration.ofMillis(100)));
        RateLimits nodeB = new RateLimits(dataSource, settings(Duration.ofMillis(100)));
        RateLimit limit = new RateLimit(1, 40);
        String bucket = "key:k_" + UUID.randomUUID();
        int allowed = 0;
        for (int i = 0; i < 60; i++) {
            allowed += ((i % 2 == 0 ? nodeA : nodeB).take(bucket, limit).allowed()) ? 1 : 0;
        }
        // One node alone would allow 40 of its 30 and the other 30 of 30: 60. Shared, 40 plus what each node counts unsynced
        // (a twentieth of the burst: 2) and the refill of the run.
        assertThat(allowed).isBetween(40, 46);
    }

    private int status(RateLimitFilter filter, String address, String path) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRemoteAddr(address);
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        if (response.getStatus() == 429) {
            assertThat(response.getHeader("Retry-After")).isEqualTo("1");
            assertThat(response.getContentAsString()).contains("this client address may make 1 requests a second");
        }
        return response.getStatus();
    }

    private static AccessProperties settings(Duration syncEvery) {
        return new AccessProperties(List.of(), new AccessProperties.RateLimitSettings(true, new RateLimit(1000, 2000),
                new RateLimit(1000, 2000), syncEvery));
    }
}
