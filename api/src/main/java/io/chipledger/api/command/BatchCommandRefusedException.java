package io.chipledger.api.command;

/** One command of an all-or-nothing batch was refused, so the whole batch was: nothing of it is stored. */
public class BatchCommandRefusedException extends RuntimeException {

    private final int index;

    public BatchCommandRefusedException(int index, RuntimeException refusal) {
        super("command " + index + " of the batch was refused: " + refusal.getMessage(), refusal);
        this.index = index;
    }

    /** The refused command's place in the batch, from zero. */
    public int index() {
        return index;
    }

    public RuntimeException refusal() {
        return (RuntimeException) getCause();
    }
}
