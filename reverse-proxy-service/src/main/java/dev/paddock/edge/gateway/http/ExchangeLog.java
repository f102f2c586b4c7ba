package dev.paddock.edge.gateway.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log (logger {@code dev.paddock.edge.access}: one line per exchange with method, host, path, status,
 * bytes, duration, route and VM) and per-route Prometheus metrics ({@code paddock_edge_requests_seconds} by route and
 * status, {@code paddock_edge_response_bytes_total} by route).
 */
public final class ExchangeLog {

    private static final Logger access = LoggerFactory.getLogger("dev.paddock.edge.access");

    /** One request as the log and the metrics see it. */
    static final class Exchange {
        final String method;
        final String host;
        final String uri;
        final String requestId;
        final long startNanos = System.nanoTime();
        String route = "api";
        String vm = "-";
        long bytes;
        boolean logged;

        Exchange(String method, String host, String uri, String requestId) {
            this.method = method;
            this.host = host;
            this.uri = uri;
            this.requestId = requestId;
        }
    }

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Map<String, Counter> bytes = new ConcurrentHashMap<>();

    public ExchangeLog(MeterRegistry registry) {
        this.registry = registry;
    }

    void finished(Exchange exchange, int status) {
        if (exchange.logged) {
            return;
        }
        exchange.logged = true;
        long nanos = System.nanoTime() - exchange.startNanos;
        timers.computeIfAbsent(
                        exchange.route + " " + status,
                        key -> Timer.builder("paddock.edge.requests")
                                .description("Requests through the edge, by route and status")
                                .tag("route", exchange.route)
                                .tag("status", Integer.toString(status))
                                .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
        bytes.computeIfAbsent(exchange.route, route -> registry.counter("paddock.edge.response.bytes", "route", route))
                .increment(exchange.bytes);
        if (access.isInfoEnabled()) {
            access.info(
                    "{} {} {} {} {}B {}ms route={} vm={} request_id={}",
                    exchange.method,
                    exchange.host,
                    exchange.uri,
                    status,
                    exchange.bytes,
                    nanos / 1_000_000,
                    exchange.route,
                    exchange.vm,
                    exchange.requestId);
        }
    }
}
