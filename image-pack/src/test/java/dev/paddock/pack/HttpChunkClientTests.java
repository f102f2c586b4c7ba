package dev.paddock.pack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.MinimumRequirements;
import dev.paddock.contracts.catalog.MissingChunksAnswer;
import dev.paddock.contracts.catalog.MissingChunksQuestion;
import dev.paddock.contracts.catalog.PackIndex;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The chunk client's bodies are the catalog's records, in the snake_case JSON the catalog reads and writes. */
class HttpChunkClientTests {

    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);

    private final Map<String, String> received = new ConcurrentHashMap<>();
    private HttpServer catalog;

    @AfterEach
    void stop() {
        if (catalog != null) {
            catalog.stop(0);
        }
    }

    @Test
    void theChunkQuestionAndAnswerHaveTheCatalogsShape() throws Exception {
        assertThat(HttpChunkClient.JSON.writeValueAsString(new MissingChunksQuestion(List.of(A, B))))
                .isEqualTo("{\"digests\":[\"" + A + "\",\"" + B + "\"]}");
        assertThat(HttpChunkClient.JSON.readValue(
                        "{\"missing\":[\"" + B + "\"],\"more\":1}", MissingChunksAnswer.class))
                .isEqualTo(new MissingChunksAnswer(Set.of(B)));
    }

    @Test
    void aCommitTravelsInSnakeCaseAndComesBackEqual() throws Exception {
        PackIndex pack = new PackIndex(
                PackIndex.FORMAT,
                PackIndex.DEFAULT_CHUNK_SIZE,
                3072,
                List.of(new PackIndex.Chunk(A, 1024), new PackIndex.Chunk(PackIndex.Chunk.ZERO, 2048)));
        ManifestCommit commit = new ManifestCommit(
                null,
                null,
                null,
                "pvm",
                "CI image",
                List.of("stable"),
                List.of("ci"),
                List.of(),
                new MinimumRequirements(4, 8192L, null),
                pack);

        String json = HttpChunkClient.JSON.writeValueAsString(commit);

        assertThat(json)
                .contains("\"type\":\"pvm\"")
                .contains("\"required_roles\":[\"ci\"]")
                .contains("\"required_claims\":[]")
                .contains("\"minimum_requirements\":{\"cpu\":4,\"memory\":8192,\"disk\":null}")
                .contains("\"pack\":{\"format\":\"paddock-pack/1\",\"chunk_size\":4194304,\"size\":3072,"
                        + "\"chunks\":[{\"digest\":\"" + A + "\",\"size\":1024");
        assertThat(HttpChunkClient.JSON.readValue(json, ManifestCommit.class)).isEqualTo(commit);
    }

    @Test
    void asksTheCatalogsChunkPathsWithItsJson() throws Exception {
        serve("/api/v1/catalog/chunks/missing", 200, "{\"missing\":[\"" + B + "\"]}");
        serve("/api/v1/catalog/chunks/" + B, 201, "");
        HttpChunkClient client = new HttpChunkClient(
                URI.create("http://127.0.0.1:" + catalog.getAddress().getPort() + "/"), () -> "Bearer t");

        Set<String> missing = client.missing(List.of(A, B));
        client.put(B, new byte[] {1, 2, 3});

        assertThat(missing).containsExactly(B);
        assertThat(received)
                .containsEntry("POST /api/v1/catalog/chunks/missing", "{\"digests\":[\"" + A + "\",\"" + B + "\"]}")
                .containsEntry("PUT /api/v1/catalog/chunks/" + B, "\u0001\u0002\u0003");
    }

    private void serve(String path, int status, String answer) throws IOException {
        if (catalog == null) {
            catalog = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            catalog.start();
        }
        catalog.createContext(path, exchange -> {
            received.put(
                    exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath(),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] body = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
    }
}
