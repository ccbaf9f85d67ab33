package io.chipledger.api.input;

import java.beans.PropertyEditorSupport;
import java.time.Instant;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * The grammars of query parameters that are numbers or instants (limit, cursor, consistent_with,
 * from, to), registered once for every handler. They are property editors, not converters: when
 * a converter refuses a value, Spring falls back to its default editors, which trim spaces, accept
 * "+1" and read "0x10" as hex. Empty text is a parameter not given.
 */
@ControllerAdvice
class StrictQueryParameters {

    static final int WHOLE_NUMBER_DIGITS_MAX = 18;
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1," + WHOLE_NUMBER_DIGITS_MAX + "}");

    @InitBinder
    void strictParameters(WebDataBinder binder) {
        binder.registerCustomEditor(Long.class, new StrictEditor(StrictQueryParameters::wholeNumber));
        binder.registerCustomEditor(Integer.class, new StrictEditor(StrictQueryParameters::smallWholeNumber));
        binder.registerCustomEditor(Instant.class, new StrictEditor(Instants::parse));
    }

    private static final class StrictEditor extends PropertyEditorSupport {

        private final Function<String, Object> parser;

        StrictEditor(Function<String, Object> parser) {
            this.parser = parser;
        }

        @Override
        public void setAsText(String text) {
            setValue(text == null ? null : parser.apply(text));
        }
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
