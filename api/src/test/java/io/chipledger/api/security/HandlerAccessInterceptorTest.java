package io.chipledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chipledger.core.admin.AdminRole;
import io.chipledger.core.partner.ApiScope;
import io.chipledger.projections.partner.PartnerAccessProjection.RateLimit;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.Authentication;
import org.springframework.web.method.HandlerMethod;

/** The rule is read from the handler itself; a handler without one is refused to everyone, a super key included. */
class HandlerAccessInterceptorTest {

    static class Handlers {
        public void forgotten() {
        }

        @PartnerAccess(ApiScope.WALLET_WRITE)
        public void partnerWrite() {
        }

        @AdminAccess({AdminRole.OPS, AdminRole.SUPPORT})
        public void opsOrSupport() {
        }
    }

    private static final RateLimit LIMIT = new RateLimit(10, 10);
    private static final Authentication SUPER = KeyAuthentication.admin(new AdminPrincipal("ak_1", "Sue", Set.of(AdminRole.values())), LIMIT);
    private static final Authentication SUPPORT = KeyAuthentication.admin(new AdminPrincipal("ak_2", "Sam", Set.of(AdminRole.SUPPORT)), LIMIT);
    private static final Authentication AUDITOR = KeyAuthentication.admin(new AdminPrincipal("ak_3", "Ada", Set.of(AdminRole.AUDITOR)), LIMIT);
    private static final Authentication WRITER = KeyAuthentication.partner(new PartnerPrincipal("p_1", "k_1", Set.of(ApiScope.WALLET_WRITE)), LIMIT);
    private static final Authentication READER = KeyAuthentication.partner(new PartnerPrincipal("p_1", "k_2", Set.of(ApiScope.WALLET_READ)), LIMIT);

    @Test
    void aHandlerWithoutARuleIsRefusedToEveryone() {
        for (Authentication caller : new Authentication[] {SUPER, WRITER, null}) {
            assertThatThrownBy(() -> HandlerAccessInterceptor.check(handler("forgotten"), caller))
                    .isInstanceOfSatisfying(AccessRefusedException.class,
                            denied -> assertThat(denied.reason()).isEqualTo(AccessRefusedException.Reason.NO_ACCESS_RULE));
        }
    }

    @Test
    void aPartnerRuleNeedsAPartnerKeyWithTheScope() {
        assertThatCode(() -> HandlerAccessInterceptor.check(handler("partnerWrite"), WRITER)).doesNotThrowAnyException();
        assertReason("partnerWrite", READER, AccessRefusedException.Reason.MISSING_SCOPE);
        assertReason("partnerWrite", SUPER, AccessRefusedException.Reason.PARTNER_ONLY);
    }

    @Test
    void anAdminRuleNeedsOneOfItsRoles() {
        assertThatCode(() -> HandlerAccessInterceptor.check(handler("opsOrSupport"), SUPPORT)).doesNotThrowAnyException();
        assertReason("opsOrSupport", AUDITOR, AccessRefusedException.Reason.MISSING_ROLE);
        assertReason("opsOrSupport", WRITER, AccessRefusedException.Reason.ADMIN_ONLY);
        assertThatThrownBy(() -> HandlerAccessInterceptor.check(handler("opsOrSupport"), AUDITOR))
                .isInstanceOfSatisfying(AccessRefusedException.class,
                        denied -> assertThat(denied.required()).containsExactly("ops", "support"));
    }

    private static void assertReason(String method, Authentication caller, AccessRefusedException.Reason reason) {
        assertThatThrownBy(() -> HandlerAccessInterceptor.check(handler(method), caller))
                .isInstanceOfSatisfying(AccessRefusedException.class, denied -> assertThat(denied.reason()).isEqualTo(reason));
    }

    private static HandlerMethod handler(String name) {
        try {
            return new HandlerMethod(new Handlers(), Handlers.class.getMethod(name));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
