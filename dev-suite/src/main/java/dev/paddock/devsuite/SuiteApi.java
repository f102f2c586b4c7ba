package dev.paddock.devsuite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The few API calls the launcher makes itself (log in as root, mint enrollment tokens, wait for hosts). */
final class SuiteApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    private SuiteApi(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    static SuiteApi loginAsRoot(String baseUrl, String password) throws IOException, InterruptedException {
        SuiteApi anonymous = new SuiteApi(baseUrl, "");
        JsonNode login = anonymous.send("POST", "/api/v1/auth/token", Map.of("username", "root", "password", password));
        return new SuiteApi(baseUrl, login.path("token").asString());
    }

    /** The same login, sent to another service (a host agent). */
    SuiteApi at(String otherBaseUrl) {
        return new SuiteApi(otherBaseUrl, token);
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    boolean exists(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status != 200 && status != 404) {
            throw new IOException("GET " + path + " answered " + status);
        }
        return status == 200;
    }

    String enrollmentToken(String hostName) throws IOException, InterruptedException {
        return send("POST", "/api/v1/orchestrator/enrollment-token", Map.of("host_name", hostName, "ttl_minutes", 30))
                .path("token")
                .asString();
    }

    JsonNode hosts() throws IOException, InterruptedException {
        return send("GET", "/api/v1/orchestrator/hosts", null);
    }

    private JsonNode send(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofMinutes(5))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .header("Content-Type", "application/json");
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }
}
