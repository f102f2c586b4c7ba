package dev.paddock.agent.catalog;

import dev.paddock.agent.AgentProperties;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.contracts.catalog.CatalogApi;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.pack.HttpChunkClient;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog as this agent reaches it: download descriptors, commits, and chunk transfer. Calls carry the caller's
 * own token, so the catalog applies the caller's claims and record restrictions, not the agent's.
 */
@Component
class CatalogServer {

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final AgentProperties properties;
    private final JsonMapper json;

    CatalogServer(AgentProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    /** A session for one transfer, bound to the current caller's credentials. */
    Session session() {
        URI url = properties.catalog().url();
        if (url == null) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "catalog-not-configured",
                    "No catalog",
                    "This agent has no catalog configured; set paddock.agent.catalog.url (PADDOCK_AGENT_CATALOG_URL).");
        }
        String authorization = "Bearer "
                + CurrentCaller.authentication()
                        .orElseThrow(() -> new IllegalStateException("no caller"))
                        .bearerToken();
        String base = url.toString().endsWith("/")
                ? url.toString().substring(0, url.toString().length() - 1)
                : url.toString();
        return new Session(base, authorization);
    }

    final class Session {

        private final String base;
        private final String authorization;

        private Session(String base, String authorization) {
            this.base = base;
            this.authorization = authorization;
        }

        HttpChunkClient chunks() {
            return new HttpChunkClient(URI.create(base), () -> authorization);
        }

        /** The manifest and its pack's index; the catalog's 4xx (tainted, revoked, not found) passes through. */
        JsonNode download(String catalogId, String versionOrTag, String architecture) {
            return call("GET", CatalogApi.download(catalogId, versionOrTag, architecture), null);
        }

        /** Ends a push; the catalog's 409 {@code chunks-missing} passes through as a problem of that type. */
        JsonNode commit(String catalogId, String version, String architecture, ManifestCommit commit) {
            return call("PUT", CatalogApi.manifest(catalogId, version, architecture), commit);
        }

        private JsonNode call(String method, String path, @org.jspecify.annotations.Nullable Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(Duration.ofMinutes(2))
                    .header("Authorization", authorization)
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
            } else {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw unreachable(new InterruptedIOException("cancelled"));
            } catch (IOException e) {
                throw unreachable(e);
            }
            JsonNode answer = response.body().isBlank() ? json.createObjectNode() : json.readTree(response.body());
            if (response.statusCode() >= 400 && response.statusCode() < 500) {
                throw new ProblemException(
                                HttpStatus.valueOf(response.statusCode()),
                                typeOf(answer),
                                answer.path("title").asString("Catalog refused the request"),
                                "Catalog: " + answer.path("detail").asString(response.body()))
                        .with("catalog_problem", answer);
            }
            if (response.statusCode() >= 300) {
                throw new ProblemException(
                        HttpStatus.BAD_GATEWAY,
                        "catalog-failed",
                        "Catalog failed",
                        "The catalog answered " + response.statusCode() + " to " + method + " " + path
                                + "; try again, and check the catalog's logs if it persists.");
            }
            return answer;
        }

        private ProblemException unreachable(IOException e) {
            return new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "catalog-unreachable",
                    "Catalog unreachable",
                    "Could not reach the catalog at " + base + ": " + e.getMessage(),
                    e);
        }
    }

    private static String typeOf(JsonNode problem) {
        String type = problem.path("type").asString("catalog-refused");
        int slash = type.lastIndexOf('/');
        return slash >= 0 ? type.substring(slash + 1) : type;
    }
}
