package io.chipledger.api.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Makes and gives back the answers of idempotent commands ({@link AnswerForm}). An answer is made
 * into JSON with the ObjectMapper that writes the HTTP bodies, so what is stored is what the wire
 * carries; the first answer and every retry are both read back from that JSON, so they are the
 * same bytes.
 */
@Component
public class Answers {

    /** Response header: {@code true} when the answer is the stored one of an earlier request with the same key. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final ObjectMapper json;

    public Answers(ObjectMapper json) {
        this.json = json;
    }

    /** The outcome with its answer made; as the command commits, before it is stored. */
    public RecordedOutcome answered(RecordedOutcome outcome, AnswerForm<?> form) {
        return form == null ? outcome : outcome.withAnswer(json.valueToTree(form.render().apply(outcome)));
    }

    /** The HTTP answer: the stored one, and whether it was a replay in {@link #REPLAYED_HEADER}. */
    public <T> ResponseEntity<T> respond(CommandOutcome outcome, AnswerForm<T> form) {
        return ResponseEntity.ok().header(REPLAYED_HEADER, Boolean.toString(outcome.isReplayed())).body(body(outcome.recorded(), form));
    }

    /** The answer's body: the stored one, read back from its JSON. */
    public <T> T body(RecordedOutcome outcome, AnswerForm<T> form) {
        JsonNode stored = outcome.answer();
        if (stored == null) {
            // Stored before the ledger kept answers: the best it can do is make it again.
            return form.render().apply(outcome);
        }
        try {
            // Leniently: a field a later version no longer has must not make an old key's retry fail.
            return json.readerFor(form.type()).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).treeToValue(stored, form.type());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer no longer reads as " + form.type().getSimpleName() + ": " + stored, e);
        }
    }
}
