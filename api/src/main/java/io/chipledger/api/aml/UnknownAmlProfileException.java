package io.chipledger.api.aml;

/** The engine has seen no money movement or reported country of this player: 404 {@code unknown-aml-profile}. */
public class UnknownAmlProfileException extends RuntimeException {

    public UnknownAmlProfileException(String partnerId, String playerId) {
        super("the AML engine has no profile of player " + playerId + " of partner " + partnerId + " (yet)");
    }
}
