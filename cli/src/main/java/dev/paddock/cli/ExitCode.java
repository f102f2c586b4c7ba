package dev.paddock.cli;

/** Exit codes scripts can rely on; {@code paddock --help} lists them. */
public enum ExitCode {
    OK(0),
    /** The server refused or failed the request for another reason (4xx/5xx not listed below). */
    FAILURE(1),
    /** Bad usage: unknown command or flag, missing argument, unreadable input file. */
    USAGE(2),
    /** Not logged in, session expired or credentials refused (401). */
    UNAUTHENTICATED(3),
    /** Logged in but not allowed (403). */
    FORBIDDEN(4),
    /** The thing named does not exist (404). */
    NOT_FOUND(5),
    /** Conflicts with the current state (409), e.g. starting a running VM. */
    CONFLICT(6),
    /** The server could not be reached. */
    UNREACHABLE(7);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static ExitCode forHttpStatus(int status) {
        return switch (status) {
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409 -> CONFLICT;
            case 400, 422 -> USAGE;
            default -> FAILURE;
        };
    }
}
