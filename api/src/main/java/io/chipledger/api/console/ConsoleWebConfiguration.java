package io.chipledger.api.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chipledger.api.security.AdminPrincipal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.resource.LiteWebJarsResourceResolver;

/**
 * The console's plumbing (issue 21): its own files and the webjars it uses (htmx, Chart.js) under
 * {@code /console/assets/}, the sign-in and home pages, and the layout's model (the signed-in
 * admin, the admin's menu, the CSRF header htmx sends) for every console page.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleWebConfiguration implements WebMvcConfigurer {

    private final ConsoleMenus menus;
    private final ObjectMapper json;

    ConsoleWebConfiguration(ConsoleMenus menus, ObjectMapper json) {
        this.menus = menus;
        this.json = json;
    }

    /** Webjars by name without version ({@code webjars/htmx.org/dist/htmx.min.js}), resolved by webjars-locator-lite. */
    @Override
    public void addResourceHandlers(ResourceHandlerRegistry registry) {
        registry.addResourceHandler("/console/assets/webjars/**")
                .addResourceLocations("classpath:/META-INF/resources/webjars/")
                .resourceChain(true)
                .addResolver(new LiteWebJarsResourceResolver());
        registry.addResourceHandler("/console/assets/**").addResourceLocations("classpath:/console/assets/");
    }

    /** Pages with no data of their own: any signed-in admin sees the home page (the menu); anyone the sign-in form. */
    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addViewController("/console").setViewName("console/home");
        registry.addViewController("/console/sign-in").setViewName("console/sign-in");
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ConsoleInput()).addPathPatterns("/console/**");
        registry.addInterceptor(new Layout()).addPathPatterns("/console", "/console/**");
    }

    /** Adds what the layout shows to every console page's model. */
    private final class Layout implements HandlerInterceptor {

        @Override
        public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler, ModelAndView page)
                throws JsonProcessingException {
            if (page == null || (page.getViewName() != null && page.getViewName().startsWith("redirect:"))) {
                return;
            }
            Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
            if (signedIn != null && signedIn.getPrincipal() instanceof AdminPrincipal admin) {
                page.addObject("admin", admin);
                page.addObject("menu", menus.of(admin));
            }
            if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
                page.addObject("csrfHeaders", json.writeValueAsString(Map.of(csrf.getHeaderName(), csrf.getToken())));
            }
            page.addObject("path", request.getRequestURI());
        }
    }
}
