package dev.paddock.common.problem;

import java.io.IOException;

/**
 * A request body larger than the service takes, found while it is read (a body sent without a length); answered 413
 * like one whose declared length is too large.
 */
public final class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("The request body is larger than the " + limit + " bytes this service takes.");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The answer: what the limit is and where large content goes instead. */
    public static org.springframework.http.ProblemDetail problem(long limit, long size) {
        return Problems.of(
                org.springframework.http.HttpStatus.CONTENT_TOO_LARGE,
                "payload-too-large",
                "Request body too large",
                "The JSON body is " + (size >= 0 ? size + " bytes" : "larger than that")
                        + "; this service takes at most "
                        + limit + " bytes of JSON. Images and files go through the upload and push operations, which"
                        + " stream them.");
    }
}
