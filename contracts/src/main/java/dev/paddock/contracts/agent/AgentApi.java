package dev.paddock.contracts.agent;

/**
 * The host agent's paths, as the agent serves them and its callers call them (the reference's host API, plus
 * Paddock's). Built here only, so a caller never spells a path the agent does not serve.
 */
public final class AgentApi {

    public static final String HARDWARE = "/api/v1/config/hardware";
    public static final String MACHINES = "/api/v1/machines";
    public static final String MACHINES_ASYNC = MACHINES + "/async";
    public static final String JOBS = "/api/v1/jobs";
    public static final String CACHE = "/api/v1/cache";

    private AgentApi() {}

    /** {@code /api/v1/machines/{id}}. */
    public static String machine(String id) {
        return MACHINES + "/" + segment(id);
    }

    /** {@code /api/v1/machines/{id}/{operation...}}, e.g. {@code start}, {@code snapshots/{sid}}. */
    public static String machine(String id, String operation) {
        return operation.isEmpty() ? machine(id) : machine(id) + "/" + operation;
    }

    /** {@code /api/v1/jobs/{id}}. */
    public static String job(String id) {
        return JOBS + "/" + segment(id);
    }

    /** An id as one path segment: no separators or dot segments, so it cannot reach another path. */
    static String segment(String id) {
        if (id.isEmpty()
                || id.contains("/")
                || id.contains("?")
                || id.contains("#")
                || id.equals(".")
                || id.equals("..")) {
            throw new IllegalArgumentException("'" + id + "' is not a path segment");
        }
        return id;
    }
}
