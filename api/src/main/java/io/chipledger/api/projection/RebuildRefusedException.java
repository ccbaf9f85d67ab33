package io.chipledger.api.projection;

/** A rebuild asked of a node that cannot claim every segment of the projection: another node holds one (409). */
public class RebuildRefusedException extends RuntimeException {

    RebuildRefusedException(String name) {
        super("another node is processing part of " + name + ", so this node cannot rebuild it; nothing was reset and the "
                + "projection goes on. Rebuild it on the node that holds all its segments, or with the other nodes stopped");
    }
}
