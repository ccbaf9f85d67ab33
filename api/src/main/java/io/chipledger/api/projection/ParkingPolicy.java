package io.chipledger.api.projection;

import io.chipledger.api.FailuresOfTheMoment;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.core.NestedRuntimeException;

/**
 * Decides what becomes of an event a projection's handler failed on.
 *
 * <p>A failure of the event itself (a value PostgreSQL refuses, a broken invariant) parks the
 * event in the group's dead-letter queue with its cause, and the processor goes on with the
 * next. A failure of the moment ({@link FailuresOfTheMoment}: the database away or overloaded, a
 * serialization conflict or deadlock, the ledger busy, the service stopping) is no reason to park: it is thrown on, so the processor rolls the
 * batch back and tries it again after a pause, and nothing is parked by an outage.
 *
 * <p>The stored cause is the exception's type and its message (for a refused statement,
 * PostgreSQL's own words rather than Spring's, which start with the whole SQL) with control characters escaped
 * (a message may quote the very value PostgreSQL refused) and cut to {@link #CAUSE_LENGTH_MAX}
 * characters, the width of the queue's column.
 */
final class ParkingPolicy implements EnqueuePolicy<EventMessage<?>> {

    static final int CAUSE_LENGTH_MAX = ThrowableCause.TRUNCATED_MESSAGE_SIZE;

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (FailuresOfTheMoment.isOfTheMoment(cause)) {
            throw cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
        }
        if (cause instanceof Cause earlier) {
            // A retry that failed again hands back the cause it was parked with: keep its type, not Axon's wrapper's.
            return Decisions.enqueue(new ThrowableCause(earlier.type(), storable(String.valueOf(earlier.message()))));
        }
        // Spring's message for a refused statement starts with the whole SQL; PostgreSQL's own says why.
        Throwable why = cause instanceof NestedRuntimeException nested ? nested.getMostSpecificCause() : cause;
        return Decisions.enqueue(new ThrowableCause(cause.getClass().getName(), storable(String.valueOf(why.getMessage()))));
    }

    /** Line breaks and tabs as spaces, other control characters escaped as \\uXXXX, then cut to the column's width. */
    static String storable(String message) {
        StringBuilder text = new StringBuilder(Math.min(message.length(), CAUSE_LENGTH_MAX));
        for (int i = 0; i < message.length() && text.length() < CAUSE_LENGTH_MAX; i++) {
            char c = message.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t') {
                // PostgreSQL's messages run over lines ("ERROR: …\n  Where: …"): one line reads better.
                text.append(' ');
            } else if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                text.append(String.format("\\u%04x", (int) c));
            } else {
                text.append(c);
            }
        }
        return text.length() > CAUSE_LENGTH_MAX ? text.substring(0, CAUSE_LENGTH_MAX) : text.toString();
    }
}
