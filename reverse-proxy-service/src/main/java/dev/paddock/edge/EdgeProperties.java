package dev.paddock.edge;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
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
        @DefaultValue("0") @Min(0) int ioThreads) {

    /**
     * @param orchestrator base URL of the orchestrator
     * @param catalog base URL of the catalog
     */
    public record Upstreams(
            @DefaultValue("http://localhost:8081") URI orchestrator,
            @DefaultValue("http://localhost:8082") URI catalog) {}
}
