package dev.paddock.common.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the typed clients services use to call each other. Every call forwards the caller's identity, request id and
 * trace context; errors come back as {@link DownstreamProblemException} carrying the other side's problem detail.
 */
public abstract class ServiceClient {

    private static final JsonMapper ERROR_READER = JsonMapper.builder().build();

    private final String service;
    protected final RestClient rest;
    /** Where the service is; calls through a {@linkplain #shared shared} client use {@link #url(String)}. */
    protected final URI baseUrl;

    /**
     * @param builder Boot's (observation-instrumented) builder; cloned, never modified
     * @param service human name of the called service, used in error messages ("host agent mac-mini-7")
     * @param baseUrl base URL of the called service
     * @param timeout read timeout of each call
     */
    protected ServiceClient(RestClient.Builder builder, String service, URI baseUrl, Duration timeout) {
        this.service = service;
        this.baseUrl = baseUrl;
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        this.rest = builder.clone()
                .baseUrl(baseUrl.toString())
                .requestFactory(requests)
                .requestInterceptor(new CallerForwardingInterceptor())
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    byte[] body = response.getBody().readAllBytes();
                    throw problemOf(response.getStatusCode(), body);
                })
                .build();
    }

    /**
     * For clients of many instances of a service (an orchestrator talks to a thousand agents): all share one
     * {@link RestClient} made by {@link #shared}, since building one (HTTP client, selector thread, converters) costs far
     * more than a call. Requests name absolute URLs ({@link #url(String)}) and check errors with {@link #failOnError}.
     */
    protected ServiceClient(RestClient shared, String service, URI baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.rest = shared;
    }

    /** A client for {@link #ServiceClient(RestClient, String, URI)}: one per read timeout, made once and kept. */
    public static RestClient shared(RestClient.Builder builder, Duration timeout) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        return builder.clone()
                .requestFactory(requests)
                .requestInterceptor(new CallerForwardingInterceptor())
                .build();
    }

    protected URI url(String path) {
        String base = baseUrl.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + path : base + path);
    }

    /** Turns an error answer into a {@link DownstreamProblemException} naming this service. */
    protected RestClient.ResponseSpec failOnError(RestClient.ResponseSpec response) {
        return response.onStatus(HttpStatusCode::isError, (request, answer) -> {
            throw problemOf(answer.getStatusCode(), answer.getBody().readAllBytes());
        });
    }

    /** Runs a call, turning "could not connect" and timeouts into a {@link DownstreamProblemException}. */
    protected <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ResourceAccessException e) {
            throw DownstreamProblemException.unreachable(service, rootMessage(e));
        }
    }

    protected String service() {
        return service;
    }

    /** The problem to raise for an error answer of this service (its detail passed on, the service named). */
    protected DownstreamProblemException problemOf(HttpStatusCode status, byte[] body) {
        String detail = null;
        String type = null;
        try {
            Map<?, ?> parsed = ERROR_READER.readValue(body, Map.class);
            // Paddock services answer RFC 9457; the reference answers {"message", "code"}.
            detail = stringOf(parsed.get("detail"), stringOf(parsed.get("message"), null));
            type = stringOf(parsed.get("type"), null);
        } catch (RuntimeException notJson) {
            // fall through to the status line
        }
        if (detail == null || detail.isBlank()) {
            detail = service + " answered HTTP " + status.value();
        }
        return new DownstreamProblemException(service, status, type, detail);
    }

    private static @Nullable String stringOf(@Nullable Object value, @Nullable String fallback) {
        return value instanceof String s ? s : fallback;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
