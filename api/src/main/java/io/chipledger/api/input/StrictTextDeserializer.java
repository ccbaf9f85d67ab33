package io.chipledger.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/**
 * Every string of a request body, including those inside lists and free-form objects: Jackson's
 * own reading (so the coercion settings of {@link StrictJsonConfiguration} decide which tokens
 * may become text), then the character rule of {@link Text}.
 */
class StrictTextDeserializer extends StdScalarDeserializer<String> {

    StrictTextDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        String text = StringDeserializer.instance.deserialize(parser, context);
        if (text != null && Text.hasForbiddenCharacter(text)) {
            throw new RefusedInputException(parser, "invalid-request", "must not contain " + Text.RULE);
        }
        return text;
    }
}
