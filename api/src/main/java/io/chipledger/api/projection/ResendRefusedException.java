package io.chipledger.api.projection;

/** A resend asked of a node that cannot claim every segment of the delivery group: another node holds one (409). */
public class ResendRefusedException extends RuntimeException {

    ResendRefusedException(String name) {
        super("another node is processing part of " + name + ", so this node cannot move its position back; nothing was changed. "
                + "Ask the node that holds all its segments, or stop the other nodes first");
    }
}
