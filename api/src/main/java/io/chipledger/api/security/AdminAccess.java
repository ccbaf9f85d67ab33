package io.chipledger.api.security;

import io.chipledger.core.admin.AdminRole;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The access rule of an admin endpoint: a live admin key ({@code X-Admin-Key}) holding at least one
 * of the roles. The role table in docs/security.md is this annotation's values, endpoint by endpoint.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AdminAccess {

    /** The roles accepted; a key with any one of them may call. */
    AdminRole[] value();
}
