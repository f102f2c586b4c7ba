package dev.paddock.orchestrator.system;

import dev.paddock.contracts.agent.SystemUsage;
import dev.paddock.contracts.agent.SystemUsage.Usage;
import dev.paddock.orchestrator.host.HostViews.Host;
import dev.paddock.orchestrator.host.HostViews.ResourceItem;
import dev.paddock.orchestrator.host.HostViews.Resources;
import dev.paddock.orchestrator.host.Hosts;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;

/**
 * The fleet as one big host: its hosts' last reported capacity added up, in the reference's {@code SystemUsageResponse}
 * (as the host agents answer it), with the reference's names of the modules the suite serves through its one URL.
 */
@Service
public class FleetSystem {

    /**
     * The reference's module names (its {@code config.GetEnabledModules}) for what answers at the suite's URL: identity
     * and jobs (api), the fleet answering the host API as one big host (host) and its pack caches (cache), the
     * orchestrator, the catalog service and the edge's reverse proxy.
     */
    public static final List<String> MODULES =
            List.of("api", "host", "orchestrator", "catalog", "cache", "reverse_proxy");

    private final Hosts hosts;
    private final DataSource database;
    private final String version;

    FleetSystem(Hosts hosts, DataSource database, ObjectProvider<BuildProperties> build) {
        this.hosts = hosts;
        this.database = database;
        BuildProperties info = build.getIfAvailable();
        this.version = info == null ? "dev" : info.getVersion();
    }

    /** The reference's {@code ServiceHealthCheck}. */
    public record HealthCheck(String name, boolean healthy, String message, String errorMessage) {}

    /** The capacity of the hosts the caller can see, summed; what every host shares is named, else "mixed". */
    public SystemUsage usage() {
        List<Host> visible = hosts.list();
        return new SystemUsage(
                shared(visible, Host::architecture),
                shared(visible, Host::cpuModel),
                version,
                shared(visible, Host::osName),
                shared(visible, Host::osVersion),
                shared(visible, Host::parallelsDesktopVersion),
                !visible.isEmpty() && visible.stream().allMatch(Host::parallelsDesktopLicensed),
                null,
                MODULES,
                true,
                false,
                usage(visible, Resources::total),
                usage(visible, Resources::systemReserved),
                usage(visible, Resources::totalInUse),
                usage(visible, Resources::totalReserved),
                usage(visible, Resources::totalAvailable));
    }

    /** Whether this service can do its work: its database answers. Says how many hosts are healthy. */
    public HealthCheck health() {
        String hostsLine = healthyHosts();
        try (Connection connection = database.getConnection()) {
            if (connection.isValid(3)) {
                return new HealthCheck("paddock-orchestrator", true, "Running; " + hostsLine, "");
            }
            return new HealthCheck("paddock-orchestrator", false, hostsLine, "The database did not answer within 3 s");
        } catch (SQLException e) {
            return new HealthCheck(
                    "paddock-orchestrator", false, hostsLine, "The database cannot be reached: " + e.getMessage());
        }
    }

    private String healthyHosts() {
        List<Host> visible = hosts.list();
        long healthy = visible.stream().filter(h -> "healthy".equals(h.state())).count();
        return healthy + " of " + visible.size() + " hosts healthy";
    }

    private static String shared(List<Host> hosts, Function<Host, @Nullable String> field) {
        List<String> values =
                hosts.stream().map(field).filter(Objects::nonNull).distinct().toList();
        return values.size() == 1 ? values.getFirst() : values.isEmpty() ? "" : "mixed";
    }

    private static Usage usage(List<Host> hosts, Function<Resources, ResourceItem> bucket) {
        ResourceItem sum = ResourceItem.sum(
                hosts.stream().map(h -> bucket.apply(h.detailedResources())).toList());
        return new Usage(
                sum.physicalCpuCount(),
                sum.logicalCpuCount(),
                sum.memorySize(),
                sum.diskSize(),
                sum.diskSize(),
                sum.freeDiskSize(),
                sum.diskSize(),
                List.of());
    }
}
