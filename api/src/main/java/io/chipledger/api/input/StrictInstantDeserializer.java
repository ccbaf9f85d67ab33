package io.chipledger.api.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.time.Instant;

/** Every instant of a request body, as {@link Instants} reads it: text only, never epoch numbers. */
class StrictInstantDeserializer extends StdScalarDeserializer<Instant> {

    StrictInstantDeserializer() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_STRING) {
            throw new RefusedInputException(parser, "malformed-request", "must be " + Instants.RULE);
        }
        try {
            return Instants.parse(parser.getText());
        } catch (IllegalArgumentException refused) {
            throw new RefusedInputException(parser, "invalid-request", "must be " + Instants.RULE);
        }
    }
}
