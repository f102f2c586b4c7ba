package dev.paddock.orchestrator.catalogmanager;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.auth.AuthApi;
import dev.paddock.contracts.auth.LoginRequest;
import dev.paddock.contracts.auth.LoginResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * Talks to another catalog (a Paddock suite or a reference service: both speak {@code /api/v1}) with a catalog
 * manager's credentials: an API key as {@code X-Api-Key}, or a username and password exchanged for a token first. The
 * caller's own token never goes there: this client is built without the forwarding of the caller's identity that
 * calls between Paddock's services use.
 */
@Component
class RemoteCatalog {

    private final RestClient rest;

    RemoteCatalog(RestClient.Builder builder) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(Duration.ofMinutes(2));
        this.rest = builder.clone().requestFactory(requests).build();
    }

    /** How to log in to the other catalog. */
    record Credentials(
            String baseUrl,
            @Nullable String username,
            @Nullable String password,
            @Nullable String apiKey) {}

    /**
     * Sends one request there ({@code path} an API path such as {@code /api/v1/catalog/x}, with its query) and answers what came back,
     * errors included. A catalog that cannot be reached, or refuses the stored credentials, is a 502 saying so.
     */
    RemoteAnswer send(
            Credentials credentials, HttpMethod method, String path, byte @Nullable [] body, @Nullable MediaType type) {
        HttpHeaders authorization = authorize(credentials);
        try {
            RestClient.RequestBodySpec request = rest.method(method)
                    .uri(URI.create(root(credentials.baseUrl()) + path))
                    .headers(headers -> headers.addAll(authorization));
            if (body != null && body.length > 0) {
                request.contentType(type == null ? MediaType.APPLICATION_JSON : type)
                        .body(body);
            }
            ResponseEntity<byte[]> answer = request.exchange(
                    (sent, response) -> ResponseEntity.status(response.getStatusCode())
                            .headers(response.getHeaders())
                            .body(response.getBody().readAllBytes()),
                    true);
            byte[] bytes = answer.getBody();
            return new RemoteAnswer(
                    answer.getStatusCode().value(),
                    answer.getHeaders().getContentType(),
                    bytes == null ? new byte[0] : bytes);
        } catch (RestClientException e) {
            throw unreachable(credentials, e);
        }
    }

    private HttpHeaders authorize(Credentials credentials) {
        HttpHeaders headers = new HttpHeaders();
        if (credentials.apiKey() != null) {
            headers.set("X-Api-Key", credentials.apiKey());
            return headers;
        }
        try {
            LoginResponse login = rest.post()
                    .uri(URI.create(root(credentials.baseUrl()) + AuthApi.TOKEN))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new LoginRequest(
                            credentials.username(), credentials.username(), credentials.password(), null))
                    .retrieve()
                    .body(LoginResponse.class);
            if (login == null || login.token() == null) {
                throw new ProblemException(
                        HttpStatus.BAD_GATEWAY,
                        "catalog-manager-login-failed",
                        "Catalog login failed",
                        "The catalog at " + credentials.baseUrl() + " answered the login without a token.");
            }
            headers.setBearerAuth(login.token());
            return headers;
        } catch (RestClientResponseException e) {
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "catalog-manager-login-failed",
                    "Catalog login failed",
                    "The catalog at " + credentials.baseUrl() + " refused the stored username and password ("
                            + e.getStatusCode().value() + "). Update the catalog manager's credentials.");
        } catch (RestClientException e) {
            throw unreachable(credentials, e);
        }
    }

    /** Where the other service's API paths start: the reference accepts a URL with or without {@code /api/v1}. */
    static String root(String url) {
        String base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        return base.endsWith("/api/v1") ? base.substring(0, base.length() - "/api/v1".length()) : base;
    }

    private static ProblemException unreachable(Credentials credentials, RestClientException e) {
        return new ProblemException(
                HttpStatus.BAD_GATEWAY,
                "catalog-manager-unreachable",
                "Catalog unreachable",
                "The catalog at " + credentials.baseUrl() + " could not be reached (" + e.getMessage()
                        + "). Check its URL, or whether it is up.",
                e);
    }
}
