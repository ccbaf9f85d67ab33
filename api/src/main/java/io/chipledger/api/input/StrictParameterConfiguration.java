package io.chipledger.api.input;

import java.time.Instant;
import java.util.regex.Pattern;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The grammars of query parameters and headers that are numbers or instants (limit, cursor,
 * consistent_with, from, to), registered once for every handler. Spring's own converters trim
 * spaces, read "0x10" as hex and "1e2" through a double; these read exactly what is documented,
 * and empty text is a parameter not given.
 */
@Configuration(proxyBeanMethods = false)
class StrictParameterConfiguration implements WebMvcConfigurer {

    static final int WHOLE_NUMBER_DIGITS_MAX = 18;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1," + WHOLE_NUMBER_DIGITS_MAX + "}");

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, Long.class, StrictParameterConfiguration::wholeNumber);
        registry.addConverter(String.class, Integer.class, StrictParameterConfiguration::smallWholeNumber);
        registry.addConverter(String.class, Instant.class, Instants::parse);
    }

    private static Long wholeNumber(String text) {
        if (text.isEmpty()) {
            return null;
        }
        if (text.length() > WHOLE_NUMBER_DIGITS_MAX + 1 || !WHOLE_NUMBER.matcher(text).matches()) {
            throw new IllegalArgumentException("not a whole number");
        }
        return Long.parseLong(text);
    }

    private static Integer smallWholeNumber(String text) {
        Long number = wholeNumber(text);
        if (number != null && (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE)) {
            throw new IllegalArgumentException("out of range");
        }
        return number == null ? null : number.intValue();
    }
}
