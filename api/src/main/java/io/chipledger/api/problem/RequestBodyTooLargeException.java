package io.chipledger.api.problem;

import java.io.IOException;

/** Thrown while reading a body that passes the size limit; it may surface wrapped by the JSON parser. */
public class RequestBodyTooLargeException extends IOException {

    public RequestBodyTooLargeException(long limitBytes) {
        super("the request body is larger than " + limitBytes + " bytes");
    }
}
