package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.api.LedgerProperties;
import io.chipledger.core.admin.AdminRole;
import java.time.Clock;
import java.time.Duration;
import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The configured admin key is the bootstrap super key; blank, there is none, and no blank or guessed key passes for it. */
class BootstrapKeyTest {

    @Test
    void theConfiguredKeyIsASuperKeyRecordedAsBootstrap() {
        KeyAuthentication accepted = (KeyAuthentication) provider("change-me").authenticate(new PresentedKey(ApiKeys.Kind.ADMIN, "change-me", "127.0.0.1"));
        AdminPrincipal admin = (AdminPrincipal) accepted.getPrincipal();
        assertThat(admin.roles()).containsExactly(AdminRole.SUPER);
        assertThat(admin.actor()).isEqualTo("admin-key:bootstrap");
        assertThatThrownBy(() -> provider("change-me").authenticate(new PresentedKey(ApiKeys.Kind.ADMIN, "change-me ", "127.0.0.1")))
                .isInstanceOf(KeyRefusedException.class);
    }

    @Test
    void withoutAConfiguredKeyNothingPassesAsTheBootstrapKey() {
        for (String configured : new String[] {null, "", "  "}) {
            for (String presented : List.of("", " ", "change-me")) {
                assertThatThrownBy(() -> provider(configured).authenticate(new PresentedKey(ApiKeys.Kind.ADMIN, presented, "127.0.0.1")))
                        .isInstanceOfSatisfying(KeyRefusedException.class,
                                refused -> assertThat(refused.slug()).isEqualTo("invalid-admin-key"));
            }
        }
    }

    private static KeyAuthenticationProvider provider(String adminKey) {
        LedgerProperties properties = new LedgerProperties(adminKey, null, 0, 16384, Duration.ofSeconds(5), 64, Duration.ofHours(24), Duration.ofHours(24), List.of(),
                new LedgerProperties.GroupCommitSettings(1, 1, 1, Duration.ofSeconds(1)), 1);
        // Only keys of the ca_ shape reach the read models, so none is needed here.
        AccessProperties access = new AccessProperties(List.of(), new AccessProperties.RateLimitSettings(true,
                new RateLimit(10, 10), new RateLimit(10, 10), Duration.ZERO));
        return new KeyAuthenticationProvider(null, null, null, properties, access, Clock.systemUTC(), null);
    }
}
