package dev.paddock.cli.api;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;

/** The server answered with an error; the message is the problem's detail. */
public final class ApiException extends CliException {

    private final int status;

    ApiException(int status, String message) {
        super(ExitCode.forHttpStatus(status), message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
