package dev.paddock.edge.gateway;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Where the front door forwards: a service, a plain address a route names, or a VM's guest port reached through a
 * tunnel on its host's agent ({@code tunnelPath} set; host and port are then the agent's).
 */
public record Upstream(
        String name, String host, int port, @Nullable String tunnelPath) {

    public Upstream(String name, String host, int port) {
        this(name, host, port, null);
    }

    public static Upstream of(String name, URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new Upstream(name, uri.getHost(), port);
    }

    public static Upstream tunnel(String vmName, String vmId, URI agent, int guestPort) {
        Upstream agentAddress = of("agent", agent);
        return new Upstream(
                "VM " + vmName,
                agentAddress.host(),
                agentAddress.port(),
                "/api/v1/machines/" + vmId + "/tunnel/" + guestPort);
    }

    public boolean isTunnel() {
        return tunnelPath != null;
    }

    public String authority() {
        return host + ":" + port;
    }
}
