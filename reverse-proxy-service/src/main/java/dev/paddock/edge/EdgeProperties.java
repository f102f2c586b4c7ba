package dev.paddock.edge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the edge ({@code paddock.edge.*}).
 *
 * @param port the public front door
 * @param bindAddress the address it listens on
 * @param upstreams where the services it fronts live
 * @param connectTimeout how long to wait for an upstream connection
 * @param responseTimeout how long an upstream may stay silent while a response is awaited or streamed
 * @param idleTimeout how long an idle client or pooled upstream connection is kept
 * @param maxHeaderSize largest accepted request header block (bytes)
 * @param ioThreads event-loop threads; 0 = one per core
 * @param routesRefreshInterval how often a replica checks for reverse-proxy changes made through any replica
 * @param vmDomain {@code <vm>.<vmDomain>} reaches a VM's port 80 (and {@code <vm>--<port>.<vmDomain>} another port);
 *     {@code *.localhost} names resolve to this machine without DNS
 * @param vmSubdomainClaim the claim a caller's token needs to use those automatic VM subdomains
 * @param orchestratorApiKey the edge's own API key (base64 of KEY:SECRET, as the orchestrator's
 *     {@code paddock.orchestrator.identity.edge-api-key}): finds VMs and opens tunnels to them; without it VM routes
 *     answer 503
 * @param vmCacheTtl how long where a VM lives is remembered before it is asked again
 * @param tls TLS termination
 * @param rateLimit per-client request limits
 * @param apiCors which browser origins may call the API ({@code /api/**}) from another origin (none by default)
 */
@Validated
@ConfigurationProperties("paddock.edge")
public record EdgeProperties(
        @DefaultValue("8080") @Min(0) @Max(65535) int port,
        @DefaultValue("0.0.0.0") String bindAddress,
        @DefaultValue @Valid Upstreams upstreams,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("300s") Duration responseTimeout,
        @DefaultValue("60s") Duration idleTimeout,
        @DefaultValue("32768") @Min(1024) int maxHeaderSize,
        @DefaultValue("0") @Min(0) int ioThreads,
        @DefaultValue("1s") Duration routesRefreshInterval,
        @DefaultValue("vm.localhost") String vmDomain,
        @DefaultValue("LIST_VM") String vmSubdomainClaim,
        @Nullable String orchestratorApiKey,
        @DefaultValue("2s") Duration vmCacheTtl,
        @DefaultValue @Valid Tls tls,
        @DefaultValue @Valid RateLimit rateLimit,
        @DefaultValue @Valid ApiCors apiCors) {

    /**
     * @param enabled terminate TLS on {@code port}
     * @param port the HTTPS listener
     * @param certificate PEM file with the certificate chain (a wildcard for {@code *.<vmDomain>} covers every VM)
     * @param privateKey PEM file with its private key (PKCS#8)
     * @param redirectHttp answer plain-HTTP requests with a redirect to HTTPS
     * @param httpsOnly do not listen for plain HTTP at all
     * @param reloadInterval how often the files are checked for a renewed certificate
     */
    public record Tls(
            @DefaultValue("false") boolean enabled,
            @DefaultValue("8443") @Min(0) @Max(65535) int port,
            @Nullable Path certificate,
            @Nullable Path privateKey,
            @DefaultValue("false") boolean redirectHttp,
            @DefaultValue("false") boolean httpsOnly,
            @DefaultValue("30s") Duration reloadInterval) {}

    /**
     * @param requestsPerSecond sustained requests a client address may make; 0 = unlimited
     * @param burst how many more it may make at once
     */
    public record RateLimit(
            @DefaultValue("0") @Min(0) int requestsPerSecond,
            @DefaultValue("100") @Min(1) int burst) {}

    /**
     * Cross-origin access to the API for browser clients (the reference's web UI served from its own origin). Off
     * while {@code allowedOrigins} is empty: a deployment names the origins it trusts; {@code *} allows any.
     *
     * @param allowedOrigins origins as browsers send them, e.g. {@code https://ui.example.com}
     * @param allowedMethods methods a preflight allows
     * @param allowedHeaders request headers a preflight allows (the reference's UI sends {@code authorization},
     *     {@code content-type} and {@code x-source-id})
     */
    public record ApiCors(
            @DefaultValue List<String> allowedOrigins,

            @DefaultValue({"GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
            List<String> allowedMethods,

            @DefaultValue({"authorization", "content-type", "x-source-id", "x-api-key", "x-request-id"})
            List<String> allowedHeaders) {}

    /**
     * @param orchestrator base URL of the orchestrator
     * @param catalog base URL of the catalog
     */
    public record Upstreams(
            @DefaultValue("http://localhost:8081") URI orchestrator,
            @DefaultValue("http://localhost:8082") URI catalog) {}
}
