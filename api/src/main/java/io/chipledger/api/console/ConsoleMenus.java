package io.chipledger.api.console;

import io.chipledger.api.security.AdminPrincipal;
import io.chipledger.api.security.ConsoleAccessRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The console's menu for one admin: every {@link ConsoleMenu} page whose access rule the admin's
 * roles pass, by section. Drawn from the same rules the server enforces, so a menu never offers a
 * page that would answer 403, nor hides one the admin may use.
 */
@Component
public class ConsoleMenus implements SmartInitializingSingleton {

    /** One menu entry. */
    public record Entry(String title, String path, HandlerMethod handler, int order) {
    }

    /** One section of an admin's menu. */
    public record Section(String title, List<Entry> entries) {
    }

    /** Lazily: the handler mapping is built after the MVC configurers, which need this bean (the access interceptor, the layout). */
    private final ObjectProvider<RequestMappingHandlerMapping> mappings;
    private final ConsoleAccessRules rules;
    private Map<ConsoleMenu.Section, List<Entry>> pages = Map.of();

    ConsoleMenus(@Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> requestMappingHandlerMapping, ConsoleAccessRules rules) {
        this.mappings = requestMappingHandlerMapping;
        this.rules = rules;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Map<ConsoleMenu.Section, List<Entry>> found = new EnumMap<>(ConsoleMenu.Section.class);
        mappings.getObject().getHandlerMethods().forEach((info, method) -> {
            ConsoleMenu menu = method.getMethodAnnotation(ConsoleMenu.class);
            if (menu != null) {
                if (!info.getMethodsCondition().getMethods().contains(RequestMethod.GET) || info.getPatternValues().size() != 1) {
                    throw new IllegalStateException("A console menu entry must be one GET path: " + method.getShortLogMessage());
                }
                found.computeIfAbsent(menu.section(), section -> new ArrayList<>())
                        .add(new Entry(menu.title(), info.getPatternValues().iterator().next(), method, menu.order()));
            }
        });
        found.values().forEach(entries -> entries.sort(Comparator.comparingInt(Entry::order).thenComparing(Entry::title)));
        pages = found;
    }

    /** The sections the admin may use, each with the pages the admin may open. */
    public List<Section> of(AdminPrincipal admin) {
        List<Section> sections = new ArrayList<>();
        pages.forEach((section, entries) -> {
            List<Entry> allowed = entries.stream().filter(entry -> rules.allows(entry.handler().getMethod(), admin.roles())).toList();
            if (!allowed.isEmpty()) {
                sections.add(new Section(section.title(), allowed));
            }
        });
        return sections;
    }
}
