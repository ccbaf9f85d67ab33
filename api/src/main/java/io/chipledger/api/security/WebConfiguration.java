package io.chipledger.api.security;

import io.chipledger.api.input.AcceptableAnswers;
import io.chipledger.api.input.KnownQueryParameters;
import io.chipledger.api.report.CsvMessageConverter;
import java.util.List;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every handler's access rule is checked for every request that reaches Spring MVC (no path
 * patterns), then whether the caller accepts a JSON answer (or a report's CSV), then whether the
 * query names only parameters the handler takes, each once; all before the handler runs.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final HandlerAccessInterceptor handlerAccess;
    private final AcceptableAnswers acceptableAnswers;
    private final KnownQueryParameters knownQueryParameters;

    WebConfiguration(HandlerAccessInterceptor handlerAccess, AcceptableAnswers acceptableAnswers, KnownQueryParameters knownQueryParameters) {
        this.handlerAccess = handlerAccess;
        this.acceptableAnswers = acceptableAnswers;
        this.knownQueryParameters = knownQueryParameters;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(handlerAccess);
        registry.addInterceptor(acceptableAnswers);
        registry.addInterceptor(knownQueryParameters);
    }

    /** CSV for reports that offer it, last: a caller that accepts anything gets JSON. */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.add(new CsvMessageConverter());
    }
}
