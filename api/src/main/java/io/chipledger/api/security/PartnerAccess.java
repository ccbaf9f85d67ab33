package io.chipledger.api.security;

import io.chipledger.core.partner.ApiScope;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access rule of a partner endpoint: a live partner API key ({@code X-API-Key}) holding the
 * scope. Every handler carries this or {@link AdminAccess}; one with neither is refused
 * ({@link HandlerAccessInterceptor}). The rule is read from the handler Spring resolved, never from the URI.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface PartnerAccess {

    /** The scope the key must hold. */
    ApiScope value();
}
