package dev.paddock.agent.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.paddock.agent.AgentIntegrationTest;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Tunnels through the agent to the HTTP and SSH servers of a running simulated VM, over a real WebSocket as the edge
 * will use them, and the statuses a tunnel that cannot open is refused with.
 */
class TunnelIntegrationTests extends AgentIntegrationTest {

    @Test
    void aTunnelCarriesAnHttpExchangeToTheGuestAndEndsWhenTheGuestCloses() throws Exception {
        String vm = runningVm("tunnel-http");
        awaitGuestListening(vm, 80);
        Received received = new Received();
        WebSocket tunnel = open(vm, 80, operator.get("Authorization"), received);

        tunnel.sendBinary(
                ByteBuffer.wrap("GET /through/the/agent HTTP/1.1\r\nHost: vm\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII)),
                true);

        String answer = received.closed.get(10, TimeUnit.SECONDS);
        assertThat(answer)
                .startsWith("HTTP/1.1 200")
                .contains("Hello from " + vm)
                .contains("path=/through/the/agent");
    }

    @Test
    void aTunnelToPort22ReachesTheGuestsSshServer() throws Exception {
        String vm = runningVm("tunnel-ssh");
        awaitGuestListening(vm, 22);
        Received received = new Received();
        WebSocket tunnel = open(vm, 22, operator.get("Authorization"), received);

        tunnel.sendBinary(ByteBuffer.wrap("SSH-2.0-PaddockTest\r\n".getBytes(StandardCharsets.US_ASCII)), true);

        assertThat(received.firstLine.get(10, TimeUnit.SECONDS)).startsWith("SSH-2.0-");
        tunnel.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    }

    @Test
    void aTunnelThatCannotOpenIsRefusedWithAStatusThatSaysWhy() {
        String stopped = createVm("tunnel-stopped", "ubuntu");
        String root = operator.get("Authorization");

        assertThat(refusal(stopped, 80, root)).as("VM not running").isEqualTo(409);
        assertThat(refusal("no-such-vm", 80, root)).isEqualTo(404);
        assertThat(refusal(stopped, 70_000, root)).isEqualTo(400);
        assertThat(refusal(stopped, 80, tokenWith("LIST_VM").get("Authorization")))
                .isEqualTo(403);
        // The refusal is a ProblemDetail (seen here through a plain GET, which the handshake's checks answer too).
        var problem = api.get("/api/v1/machines/" + stopped + "/tunnel/80", operator);
        assertThat(problem.status()).isEqualTo(409);
        assertThat(problem.text("detail")).contains("is stopped").contains("start it");
    }

    @Test
    void aGuestPortNobodyListensOnIsRefusedWith502() {
        String vm = runningVm("tunnel-closed");
        awaitGuestListening(vm, 80);
        assertThat(refusal(vm, 8443, operator.get("Authorization"))).isEqualTo(502);
    }

    // ---- helpers

    private String runningVm(String prefix) {
        String vm = createVm(prefix, "ubuntu");
        assertThat(api.put("/api/v1/machines/" + vm + "/start", null, operator).status())
                .isEqualTo(200);
        return vm;
    }

    /** A started VM's services come up while it boots (prlctl start does not wait for them, nor does the agent). */
    private void awaitGuestListening(String vm, int guestPort) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
            open(vm, guestPort, operator.get("Authorization"), new Received())
                    .sendClose(WebSocket.NORMAL_CLOSURE, "probe")
                    .get(5, TimeUnit.SECONDS);
            return true;
        });
    }

    private WebSocket open(String vm, int guestPort, String authorization, WebSocket.Listener listener)
            throws Exception {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Authorization", authorization)
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(
                        URI.create("ws://localhost:" + port + "/api/v1/machines/" + vm + "/tunnel/" + guestPort),
                        listener)
                .get(10, TimeUnit.SECONDS);
    }

    private int refusal(String vm, int guestPort, String authorization) {
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(
                () -> open(vm, guestPort, authorization, new Received()));
        assertThat(failure).isInstanceOf(ExecutionException.class);
        assertThat(failure.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) failure.getCause()).getResponse().statusCode();
    }

    /** Collects what comes through the tunnel: everything until the close, and the first line. */
    static final class Received implements WebSocket.Listener {

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final CompletableFuture<String> closed = new CompletableFuture<>();
        final CompletableFuture<String> firstLine = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            byte[] chunk = new byte[data.remaining()];
            data.get(chunk);
            synchronized (bytes) {
                bytes.writeBytes(chunk);
                String text = bytes.toString(StandardCharsets.UTF_8);
                int newline = text.indexOf('\n');
                if (newline >= 0) {
                    firstLine.complete(text.substring(0, newline));
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            synchronized (bytes) {
                closed.complete(bytes.toString(StandardCharsets.UTF_8));
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
            firstLine.completeExceptionally(error);
        }
    }
}
