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

    /**
     * @param builder Boot's (observation-instrumented) builder; cloned, never modified
     * @param service human name of the called service, used in error messages ("host agent mac-mini-7")
     * @param baseUrl base URL of the called service
     * @param timeout read timeout of each call
     */
    protected ServiceClient(RestClient.Builder builder, String service, URI baseUrl, Duration timeout) {
        this.service = service;
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

    private DownstreamProblemException problemOf(HttpStatusCode status, byte[] body) {
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
