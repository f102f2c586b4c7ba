package dev.paddock.cli.api;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one Paddock server. Credentials come from a supplier so a refreshed token is used for the next call. Errors
 * become {@link ApiException}s carrying the problem's detail and an exit code; an unreachable server is exit code 7.
 */
public final class PaddockApi {

    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final String baseUrl;
    private final HttpClient http;
    private final @Nullable SSLContext trustingTls;
    private final Supplier<@Nullable String> authorization;

    public PaddockApi(String baseUrl, boolean insecure, Supplier<@Nullable String> authorization) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
        this.trustingTls = insecure ? trustingEverything() : null;
        if (trustingTls != null) {
            builder.sslContext(trustingTls);
        }
        this.http = builder.build();
        this.authorization = authorization;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The TLS settings of an insecure context (trust any certificate), or null: for transfers' own clients. */
    public @Nullable SSLContext insecureTls() {
        return trustingTls;
    }

    /** The {@code Authorization} header value for the next call, for transfers that bring their own HTTP client. */
    public String authorizationHeader() {
        String auth = authorization.get();
        if (auth == null) {
            throw new CliException(ExitCode.UNAUTHENTICATED, "Not logged in; run 'paddock login'.");
        }
        return auth;
    }

    public JsonNode get(String path) {
        return send("GET", path, null);
    }

    public JsonNode post(String path, @Nullable Object body) {
        return send("POST", path, body);
    }

    public JsonNode put(String path, @Nullable Object body) {
        return send("PUT", path, body);
    }

    public JsonNode patch(String path, @Nullable Object body) {
        return send("PATCH", path, body);
    }

    public JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** A call that is not authenticated (login). */
    public JsonNode postAnonymous(String path, Object body) {
        return exchange("POST", path, body, false);
    }

    /**
     * Opens a WebSocket on the server with this session's credentials.
     *
     * @throws ApiException when the server refuses the upgrade (its status decides the exit code)
     */
    public WebSocket openWebSocket(String path, WebSocket.Listener listener) {
        String url =
                (baseUrl.startsWith("https:") ? "wss:" : "ws:") + baseUrl.substring(baseUrl.indexOf(':') + 1) + path;
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20));
        String auth = authorization.get();
        if (auth != null) {
            builder.header("Authorization", auth);
        }
        try {
            return builder.buildAsync(URI.create(url), listener).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException refused) {
                HttpResponse<?> response = refused.getResponse();
                Object body = response.body();
                throw new ApiException(
                        response.statusCode(),
                        describeError(response.statusCode(), parse(body == null ? null : body.toString())));
            }
            throw unreachable(e.getCause() instanceof Exception cause ? cause : e);
        } catch (TimeoutException e) {
            throw new CliException(ExitCode.UNREACHABLE, "The server at " + baseUrl + " did not answer in time.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "Interrupted.");
        }
    }

    /**
     * A call whose answer is JSON lines read as they arrive (streamed command output): each parsed line goes to
     * {@code line}. An error answer is an {@link ApiException} before any line is handed on.
     */
    public void streamLines(String method, String path, Object body, Consumer<JsonNode> line) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "application/x-ndjson, application/problem+json")
                .header("User-Agent", "paddock-cli")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        String auth = authorization.get();
        if (auth != null) {
            request.header("Authorization", auth);
        }
        HttpResponse<Stream<String>> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "Interrupted.");
        }
        try (Stream<String> lines = response.body()) {
            if (response.statusCode() >= 400) {
                String text = String.join("\n", lines.toList());
                throw new ApiException(response.statusCode(), describeError(response.statusCode(), parse(text)));
            }
            lines.filter(text -> !text.isBlank()).forEach(text -> line.accept(JSON.readTree(text)));
        }
    }

    public JsonNode send(String method, String path, @Nullable Object body) {
        return exchange(method, path, body, true);
    }

    private JsonNode exchange(String method, String path, @Nullable Object body, boolean authenticated) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(5))
                .header("Accept", "application/json, application/problem+json")
                .header("User-Agent", "paddock-cli")
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authenticated) {
            String auth = authorization.get();
            if (auth != null) {
                request.header("Authorization", auth);
            }
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCode.UNREACHABLE, "The server at " + baseUrl + " did not answer in time.");
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "Interrupted.");
        }
        JsonNode parsed = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new ApiException(response.statusCode(), describeError(response.statusCode(), parsed));
        }
        return parsed;
    }

    private CliException unreachable(Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(
                ExitCode.UNREACHABLE,
                "Cannot reach " + baseUrl + " (" + reason + "). Is the server running? Check the context's URL with "
                        + "'paddock context list'.");
    }

    private static JsonNode parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return JSON.getNodeFactory().stringNode(body);
        }
    }

    private static String describeError(int status, JsonNode body) {
        String detail = body.path("detail").asString("");
        if (detail.isBlank()) {
            detail = body.path("message").asString("");
        }
        if (detail.isBlank()) {
            detail = "HTTP " + status;
        }
        if (body.path("errors").isArray()) {
            StringBuilder fields = new StringBuilder();
            body.path("errors")
                    .forEach(error -> fields.append("\n  ")
                            .append(error.path("field").asString())
                            .append(": ")
                            .append(error.path("message").asString()));
            if (!detail.contains(":")) {
                detail += fields;
            }
        }
        return detail;
    }

    private static SSLContext trustingEverything() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    new SecureRandom());
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
