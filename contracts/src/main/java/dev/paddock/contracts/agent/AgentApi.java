package dev.paddock.contracts.agent;

import dev.paddock.contracts.catalog.CatalogApi;

/**
 * The host agent's paths, as the agent serves them and its callers call them (the reference's host API, plus
 * Paddock's). Built here only, so a caller never spells a path the agent does not serve.
 */
public final class AgentApi {

    public static final String HARDWARE = "/api/v1/config/hardware";
    public static final String MACHINES = "/api/v1/machines";
    public static final String MACHINES_ASYNC = MACHINES + "/async";
    public static final String MACHINES_REGISTER = MACHINES + "/register";
    public static final String JOBS = "/api/v1/jobs";
    public static final String CACHE = "/api/v1/cache";
    /** Every Paddock service's recent log lines (text, super users); the agent's is read through the orchestrator. */
    public static final String LOGS = "/api/v1/logs";

    /**
     * Pushes and pulls of golden images run on the host that holds (or receives) the VM, under the catalog's prefix as
     * the reference names them; the catalog itself only points callers here.
     */
    public static final String CATALOG_PUSH = CatalogApi.CATALOG + "/push";

    public static final String CATALOG_PUSH_ASYNC = CATALOG_PUSH + "/async";
    public static final String CATALOG_PULL = CatalogApi.CATALOG + "/pull";
    public static final String CATALOG_PULL_ASYNC = CATALOG_PULL + "/async";

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
