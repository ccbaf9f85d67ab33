package io.chipledger.api.console;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts a console page (a GET handler without path variables) in the menu, under its section. The
 * menu shows it only to an admin whose roles pass the page's access rule ({@link ConsoleMenus}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ConsoleMenu {

    /** The section, named after the work: Support, Operations, AML, Audit, Marketing, Finance. */
    Section section();

    /** The entry's words. */
    String title();

    /** Position within the section. */
    int order() default 0;

    /** The menu's sections, in the order shown. */
    enum Section {
        SUPPORT("Support"), OPERATIONS("Operations"), AML("AML"), AUDIT("Audit"), MARKETING("Marketing"), FINANCE("Finance");

        private final String title;

        Section(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }
}
