package dev.paddock.contracts.fleet;

import java.util.UUID;

/**
 * The orchestrator's paths and headers that other services call (agents and the edge), built here only so a caller
 * never spells a path the orchestrator does not serve.
 */
public final class FleetApi {

    /** {@code POST}: an agent enrolls ({@link RegisterHost}, with {@link #ENROLLMENT_TOKEN}) or an operator registers. */
    public static final String HOSTS = "/api/v1/orchestrator/hosts";

    public static final String MACHINES = "/api/v1/orchestrator/machines";

    /** The one-time token an operator gave the agent's installation, proving it may join. */
    public static final String ENROLLMENT_TOKEN = "X-Enrollment-Token";

    /** The secret an enrolled agent got back ({@link HostCredentials}), proving its pushes. */
    public static final String HOST_SECRET = "X-Paddock-Host-Secret";

    private FleetApi() {}

    /** {@code POST /api/v1/orchestrator/hosts/{id}/heartbeat}: a {@link HostHeartbeat}. */
    public static String heartbeat(UUID hostId) {
        return HOSTS + "/" + hostId + "/heartbeat";
    }

    /** {@code POST /api/v1/orchestrator/hosts/{id}/events}: a list of {@link VmEvent}. */
    public static String events(UUID hostId) {
        return HOSTS + "/" + hostId + "/events";
    }

    /** {@code GET /api/v1/orchestrator/machines/{vm}/route} as a URI template (the VM's id or name is encoded). */
    public static final String MACHINE_ROUTE = MACHINES + "/{vm}/route";
}
