package io.chipledger.core.rewardpool;

/**
 * A reward pool's definition that does not hold, with the field to fix as the API names it
 * ({@code name}, {@code items[3].weight}), so that the problem document says which part is wrong.
 */
public class InvalidRewardPoolException extends IllegalArgumentException {

    private final String field;

    public InvalidRewardPoolException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
