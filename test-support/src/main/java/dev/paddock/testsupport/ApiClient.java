package dev.paddock.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small real HTTP client for integration tests (JDK HttpClient): sends JSON, returns status and parsed body, never throws on 4xx/5xx. */
public final class ApiClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;

    public ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String text(String field) {
            return body.path(field).asString();
        }
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public Response post(String path, @Nullable Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, @Nullable Object body, Map<String, String> headers) {
        return send("PUT", path, body, headers);
    }

    public Response delete(String path, Map<String, String> headers) {
        return send("DELETE", path, null, headers);
    }

    public static Map<String, String> bearer(String token) {
        return Map.of("Authorization", "Bearer " + token);
    }

    public String login(String username, String password) {
        Response response = post("/api/v1/auth/token", Map.of("username", username, "password", password), Map.of());
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response.status() + " " + response.body());
        }
        return response.text("token");
    }

    /** JSON bodies become trees; anything else (HTML, text) a text node, so tests can still assert on it. */
    private static JsonNode parse(HttpResponse<String> response) {
        String body = response.body();
        if (body == null || body.isBlank()) {
            return JSON.nullNode();
        }
        boolean json = response.headers()
                .firstValue("Content-Type")
                .map(type -> type.contains("json"))
                .orElse(false);
        if (!json) {
            return JSON.getNodeFactory().stringNode(body);
        }
        return JSON.readTree(body);
    }

    public Response send(String method, String path, @Nullable Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(
                                        body instanceof String s ? s : JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode parsed = parse(response);
            return new Response(response.statusCode(), parsed, response);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
