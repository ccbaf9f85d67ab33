package io.chipledger.api.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of the admin console (issue 21): its handlers answer HTML pages and fragments
 * under {@code /console}, each with a {@link io.chipledger.api.security.ConsoleAccess} rule, and
 * act by calling the API's own handler or command for the same thing, so nothing a page does has
 * a rule of its own. Failures are shown on the page by {@link ConsoleErrors}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Controller
public @interface ConsoleController {
}
