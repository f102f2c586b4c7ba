package dev.paddock.pack;

import dev.paddock.contracts.catalog.CatalogApi;
import dev.paddock.contracts.catalog.MissingChunksAnswer;
import dev.paddock.contracts.catalog.MissingChunksQuestion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's chunk API over HTTP ({@link CatalogApi#CHUNKS}), as a {@link ChunkStore} for pushes and a
 * {@link ChunkSource} for pulls. Kept to the JDK's HTTP client so the agent and the CLI share it without a framework;
 * its bodies are the catalog's own records, named in snake_case as every Paddock service names JSON.
 */
public final class HttpChunkClient implements ChunkStore, ChunkSource {

    /** The services' JSON conventions: snake_case names, and members this client does not model are ignored. */
    static final JsonMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final HttpClient http;
    private final String base;
    private final Supplier<String> authorization;

    /**
     * @param catalogUrl the catalog's (or the edge's) base URL
     * @param authorization the {@code Authorization} header value for each request (a token may be refreshed)
     */
    public HttpChunkClient(URI catalogUrl, Supplier<String> authorization) {
        this(catalogUrl, authorization, null);
    }

    /**
     * @param tls the TLS settings to connect with (a CLI context that trusts a self-signed edge), or null for the
     *     JDK's defaults
     */
    public HttpChunkClient(URI catalogUrl, Supplier<String> authorization, @Nullable SSLContext tls) {
        HttpClient.Builder client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1);
        if (tls != null) {
            client.sslContext(tls);
        }
        this.http = client.build();
        String url = catalogUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.authorization = authorization;
    }

    @Override
    public Set<String> missing(Collection<String> digests) throws IOException {
        byte[] question = JSON.writeValueAsBytes(new MissingChunksQuestion(List.copyOf(digests)));
        byte[] answer = send(request(CatalogApi.CHUNKS_MISSING)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(question)));
        try {
            MissingChunksAnswer missing = JSON.readValue(answer, MissingChunksAnswer.class);
            return missing.missing() == null ? Set.of() : new LinkedHashSet<>(missing.missing());
        } catch (JacksonException e) {
            throw new IOException(
                    "the catalog's answer to which chunks are missing is not readable: " + e.getOriginalMessage());
        }
    }

    @Override
    public void put(String digest, byte[] stored) throws IOException {
        put(digest, stored, stored.length);
    }

    @Override
    public void put(String digest, byte[] buffer, int length) throws IOException {
        send(request(CatalogApi.chunk(digest))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, length)));
    }

    /**
     * Fetches a chunk. The catalog may redirect to its storage (a presigned URL); that request goes without our
     * credentials, which the URL replaces and the storage would refuse alongside it.
     */
    @Override
    public byte[] get(String digest) throws IOException {
        HttpRequest asked = request(CatalogApi.chunk(digest)).GET().build();
        HttpRequest built = asked;
        HttpResponse<byte[]> response = exchange(built);
        if (response.statusCode() == 307 || response.statusCode() == 302 || response.statusCode() == 303) {
            String location = response.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new IOException("GET " + asked.uri() + " redirected without a Location"));
            built = HttpRequest.newBuilder(asked.uri().resolve(location))
                    .timeout(Duration.ofMinutes(5))
                    .GET()
                    .build();
            response = exchange(built);
        }
        return bodyOf(built, response);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", authorization.get());
    }

    /** Sends a request and answers the body of a 2xx answer; 404 becomes {@link NoSuchFileException}. */
    private byte[] send(HttpRequest.Builder request) throws IOException {
        HttpRequest built = request.build();
        return bodyOf(built, exchange(built));
    }

    private HttpResponse<byte[]> exchange(HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("cancelled");
        }
    }

    private static byte[] bodyOf(HttpRequest built, HttpResponse<byte[]> response) throws IOException {
        if (response.statusCode() == 404) {
            throw new NoSuchFileException(built.uri().toString(), null, "the catalog has no such chunk");
        }
        if (response.statusCode() >= 300) {
            throw new IOException(built.method() + " " + built.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }
}
