package dev.paddock.edge.vm;

/**
 * Why traffic for a route cannot go through, as the problem detail the client gets: the status, a type, a title and a
 * detail that says what to do next.
 */
public final class RouteFailure extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;

    public RouteFailure(int status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }
}
