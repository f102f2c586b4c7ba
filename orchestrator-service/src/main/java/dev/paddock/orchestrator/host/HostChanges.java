package dev.paddock.orchestrator.host;

import static dev.paddock.orchestrator.host.HostSecrets.stripSlash;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.fleet.RegisterHost;
import dev.paddock.orchestrator.agent.AgentTarget;
import dev.paddock.orchestrator.audit.AuditLog;
import dev.paddock.orchestrator.event.EventBus;
import dev.paddock.orchestrator.host.HostViews.Host;
import dev.paddock.orchestrator.host.HostViews.UpdateHost;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/** What operators change in the registry: hosts registered by URL, their description and restrictions, flags, removal. */
@Component
class HostChanges {

    private final HostRepository hosts;
    private final HostRecords records;
    private final HostProbe probe;
    private final SecretBox secrets;
    private final AuditLog audit;
    private final EventBus events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    HostChanges(
            HostRepository hosts,
            HostRecords records,
            HostProbe probe,
            SecretBox secrets,
            AuditLog audit,
            EventBus events,
            TransactionTemplate transactions,
            Clock clock) {
        this.hosts = hosts;
        this.records = records;
        this.probe = probe;
        this.secrets = secrets;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    Host register(RegisterHost request) {
        URI url = URI.create(stripSlash(request.host()));
        String name = request.name() != null ? request.name() : url.getHost();
        if (request.authentication() != null
                && request.authentication().apiKey() == null
                && request.authentication().username() != null) {
            throw ProblemException.badRequest(
                    "unsupported-authentication",
                    "Register the host with an API key of its agent (authentication.api_key), not a password.");
        }
        String apiKey = request.authentication() == null
                ? null
                : request.authentication().apiKey();
        UUID id = UUID.randomUUID();
        JsonNode hardware = probe.hardware(new AgentTarget(id, name, url, apiKey));
        HostEntity host = transactions.execute(status -> {
            records.requireNameFree(name);
            HostEntity created = new HostEntity(id, name, url.toString(), "poll", clock.instant());
            created.applyRegistration(request);
            created.applyHardware(hardware, clock.instant());
            if (apiKey != null) {
                created.credentialsSealed = secrets.seal(
                        apiKey.getBytes(StandardCharsets.UTF_8), id.toString().getBytes(StandardCharsets.UTF_8));
            }
            created.state = "healthy";
            created.lastSeenAt = clock.instant();
            hosts.save(created);
            audit.record("HOST_REGISTERED", "host", id.toString(), Map.of("name", created.name, "url", created.url));
            return created;
        });
        events.publish("orchestrator", "HOST_ADDED", Map.of("host_id", id, "name", host.name));
        return records.view(host);
    }

    Host update(String idOrName, UpdateHost request) {
        HostEntity host = records.visible(idOrName);
        return transactions.execute(status -> {
            HostEntity current = hosts.findById(host.id).orElseThrow();
            if (request.host() != null) {
                current.url = stripSlash(request.host());
            }
            if (request.description() != null) {
                current.description = request.description();
            }
            if (request.tags() != null) {
                current.tags = List.copyOf(request.tags());
            }
            if (request.requiredClaims() != null) {
                current.requiredClaims = List.copyOf(request.requiredClaims());
            }
            if (request.requiredRoles() != null) {
                current.requiredRoles = List.copyOf(request.requiredRoles());
            }
            current.updatedAt = clock.instant();
            audit.record("HOST_UPDATED", "host", current.id.toString(), Map.of("name", current.name));
            return records.view(hosts.save(current));
        });
    }

    /** The host's VMs, cached images and reservations go with it (the schema cascades the delete). */
    void delete(String idOrName) {
        HostEntity host = records.visible(idOrName);
        transactions.executeWithoutResult(status -> {
            hosts.deleteById(host.id);
            audit.record("HOST_REMOVED", "host", host.id.toString(), Map.of("name", host.name));
        });
        events.publish("orchestrator", "HOST_REMOVED", Map.of("host_id", host.id, "name", host.name));
    }

    Host setFlags(String idOrName, @Nullable Boolean enabled, @Nullable Boolean draining) {
        HostEntity host = records.visible(idOrName);
        HostEntity saved = transactions.execute(status -> {
            HostEntity current = hosts.findById(host.id).orElseThrow();
            if (enabled != null) {
                current.enabled = enabled;
            }
            if (draining != null) {
                current.draining = draining;
            }
            current.updatedAt = clock.instant();
            audit.record(
                    "HOST_FLAGS_CHANGED",
                    "host",
                    current.id.toString(),
                    Map.of("enabled", current.enabled, "draining", current.draining));
            return hosts.save(current);
        });
        events.publish(
                "orchestrator",
                "HOST_UPDATED",
                Map.of("host_id", saved.id, "enabled", saved.enabled, "draining", saved.draining));
        return records.view(saved);
    }
}
