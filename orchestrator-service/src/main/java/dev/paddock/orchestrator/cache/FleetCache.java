package dev.paddock.orchestrator.cache;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.agent.CacheListing;
import dev.paddock.contracts.agent.CachedImage;
import dev.paddock.orchestrator.OrchestratorProperties;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.host.HostSummary;
import dev.paddock.orchestrator.host.Hosts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.security.concurrent.DelegatingSecurityContextExecutorService;
import org.springframework.stereotype.Service;

/**
 * Lists and empties the pack caches of the hosts the caller can see. The agents check the caller's cache claims
 * themselves (the caller's token goes along); a host that is disabled, unhealthy or does not answer is left out of a
 * fleet-wide answer and named in {@code hosts_not_answering}, so one bad Mac does not fail the whole call.
 */
@Service
public class FleetCache {

    private static final Logger log = LoggerFactory.getLogger(FleetCache.class);

    private final Hosts hosts;
    private final AgentClients agents;
    private final Duration timeout;

    FleetCache(Hosts hosts, AgentClients agents, OrchestratorProperties properties) {
        this.hosts = hosts;
        this.agents = agents;
        this.timeout = properties.fleet().agentTimeout();
    }

    /** An image in some host's cache: the agent's fields plus the host's. */
    public record HostCachedImage(
            String hostId, String hostName, @JsonUnwrapped CachedImage image) {}

    /** The reference's cache listing over the fleet, plus the hosts that could not be asked. */
    public record FleetCacheListing(long totalSize, List<HostCachedImage> manifests, List<String> hostsNotAnswering) {}

    /** What is cached on every host the caller can see. */
    public FleetCacheListing list() {
        List<HostCachedImage> images = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        onEveryHost(host -> agents.onBehalfOfCaller(host.target(), timeout)
                        .exchange(HttpMethod.GET, AgentApi.CACHE, null, CacheListing.class))
                .forEach(answer -> {
                    if (answer.value() == null) {
                        missing.add(answer.host().name());
                    } else {
                        answer.value().manifests().stream()
                                .map(image -> new HostCachedImage(
                                        answer.host().id().toString(),
                                        answer.host().name(),
                                        image))
                                .forEach(images::add);
                    }
                });
        images.sort(Comparator.comparing(HostCachedImage::hostName)
                .thenComparing(i -> i.image().catalogId())
                .thenComparing(i -> i.image().version()));
        long total = images.stream().mapToLong(i -> i.image().cacheSize()).sum();
        return new FleetCacheListing(total, images, missing);
    }

    /**
     * Removes cached images on every host the caller can see: all of them, a catalog id's, or one version's
     * ({@code suffix} is "", "/{catalogId}" or "/{catalogId}/{version}"). Answers the hosts that could not be asked.
     */
    public List<String> remove(String suffix) {
        return onEveryHost(host -> {
                    agents.onBehalfOfCaller(host.target(), timeout)
                            .exchange(HttpMethod.DELETE, AgentApi.CACHE + suffix, null);
                    return Boolean.TRUE;
                })
                .stream()
                .filter(answer -> answer.value() == null)
                .map(answer -> answer.host().name())
                .toList();
    }

    /** One host's cache. */
    public CacheListing listOnHost(String hostIdOrName) {
        HostSummary host = hosts.visibleSummary(hostIdOrName);
        return agents.onBehalfOfCaller(host.target(), timeout)
                .exchange(HttpMethod.GET, AgentApi.CACHE, null, CacheListing.class);
    }

    /** Removes cached images on one host ({@code suffix} as in {@link #remove(String)}). */
    public void removeOnHost(String hostIdOrName, String suffix) {
        HostSummary host = hosts.visibleSummary(hostIdOrName);
        agents.onBehalfOfCaller(host.target(), timeout).exchange(HttpMethod.DELETE, AgentApi.CACHE + suffix, null);
    }

    private record Answer<T>(HostSummary host, @Nullable T value) {}

    /**
     * Asks every usable host the caller can see at once. A refusal of the caller's claims is the same on every host,
     * so it is thrown; any other failure leaves that host's value null.
     */
    private <T> List<Answer<T>> onEveryHost(Function<HostSummary, T> call) {
        PaddockPrincipal caller = CurrentCaller.require();
        List<HostSummary> targets =
                hosts.summaries().stream().filter(h -> h.visibleTo(caller)).toList();
        List<Answer<T>> answers = new ArrayList<>();
        // The caller's security context goes with each call: the agents see the caller's own token.
        try (ExecutorService pool =
                new DelegatingSecurityContextExecutorService(Executors.newVirtualThreadPerTaskExecutor())) {
            List<@Nullable Future<T>> futures = new ArrayList<>();
            for (HostSummary host : targets) {
                futures.add(host.enabled() && host.isHealthy() ? pool.submit(() -> call.apply(host)) : null);
            }
            for (int i = 0; i < targets.size(); i++) {
                answers.add(new Answer<>(targets.get(i), await(targets.get(i), futures.get(i))));
            }
        }
        return answers;
    }

    private static <T> @Nullable T await(HostSummary host, @Nullable Future<T> future) {
        if (future == null) {
            return null;
        }
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ProblemException problem
                    && problem.status().value() == 403) {
                throw problem;
            }
            log.info(
                    "The pack cache of {} could not be reached: {}",
                    host.name(),
                    e.getCause().toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking the hosts", e);
        }
    }
}
