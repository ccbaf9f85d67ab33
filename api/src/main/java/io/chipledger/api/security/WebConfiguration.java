package io.chipledger.api.security;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every handler's access rule is checked for every request that reaches Spring MVC: no path patterns. */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final HandlerAccessInterceptor handlerAccess;

    WebConfiguration(HandlerAccessInterceptor handlerAccess) {
        this.handlerAccess = handlerAccess;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(handlerAccess);
    }
}
