package io.chipledger.api.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access rule of a console handler (issue 21): the rule of the API endpoint it is a face on,
 * named by method and path pattern as mapped, e.g. {@code "DELETE /admin/v1/partners/{partnerId}/api-keys/{keyId}"}.
 * The console never has rules of its own: {@link ConsoleAccessRules} reads that endpoint's
 * {@link AdminAccess} at start-up (and refuses to start when the endpoint does not exist), and
 * {@link HandlerAccessInterceptor} holds the signed-in admin to it, for a page, a fragment and a
 * form post alike. The menus are drawn from the same rules, so a menu shows what a click may do.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface ConsoleAccess {

    /** The API endpoint whose roles apply: {@code "<METHOD> <path pattern>"}. */
    String value();
}
