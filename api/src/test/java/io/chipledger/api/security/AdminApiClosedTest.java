package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.api.LedgerProperties;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Without a configured admin key the admin API is closed, whatever key a caller presents. */
class AdminApiClosedTest {

    @Test
    void noConfiguredAdminKeyClosesTheAdminApi() {
        AccessInterceptor access = new AccessInterceptor(null, propertiesWithAdminKey(""), Clock.systemUTC());
        for (String presented : new String[] {null, "", "anything"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/v1/partners");
            if (presented != null) {
                request.addHeader(AccessInterceptor.ADMIN_KEY_HEADER, presented);
            }
            assertThatThrownBy(() -> access.preHandle(request, new MockHttpServletResponse(), new Object()))
                    .isInstanceOfSatisfying(AccessDeniedException.class,
                            denied -> assertThat(denied.reason()).isEqualTo(AccessDeniedException.Reason.ADMIN_ONLY));
        }
    }

    @Test
    void aConfiguredAdminKeyOpensIt() {
        AccessInterceptor access = new AccessInterceptor(null, propertiesWithAdminKey("s3cret"), Clock.systemUTC());
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/admin/v1/partners");
        request.addHeader(AccessInterceptor.ADMIN_KEY_HEADER, "s3cret");
        assertThat(access.preHandle(request, new MockHttpServletResponse(), new Object())).isTrue();
    }

    private static LedgerProperties propertiesWithAdminKey(String adminKey) {
        return new LedgerProperties(adminKey, Path.of("target"), 0, 16_384, Duration.ofSeconds(1), Duration.ofHours(1), List.of(),
                new LedgerProperties.GroupCommitSettings(1, 1, 1, Duration.ofSeconds(1)), 1);
    }
}
