package dev.paddock.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.edge.gateway.listen.FrontDoor;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A WebSocket handshake through the front door to an upstream that switches protocols (a raw socket server standing in
 * for the orchestrator's event hub): after the 101, bytes flow both ways untouched, over real sockets.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "paddock.edge.port=0")
class FrontDoorWebSocketIntegrationTests {

    static final TestTokens tokens = TestTokens.start();
    static final ServerSocket upgradeServer;

    static {
        try {
            upgradeServer = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new ExceptionInInitializerError(e);
        }
        Thread.ofVirtual().start(FrontDoorWebSocketIntegrationTests::acceptAndEcho);
    }

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        registry.add("paddock.edge.upstreams.orchestrator", () -> "http://127.0.0.1:" + upgradeServer.getLocalPort());
    }

    @AfterAll
    static void stop() throws IOException {
        upgradeServer.close();
        tokens.close();
    }

    @Autowired
    FrontDoor frontDoor;

    @Test
    void pipesBytesBothWaysAfterTheUpgrade() throws Exception {
        try (Socket client = new Socket("127.0.0.1", frontDoor.listenerPort())) {
            OutputStream out = client.getOutputStream();
            out.write(("GET /api/v1/ws/subscribe?event_types=pdfm HTTP/1.1\r\nHost: edge\r\nConnection: Upgrade\r\n"
                            + "Upgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            String head = readHead(client.getInputStream());
            assertThat(head).startsWith("HTTP/1.1 101").containsIgnoringCase("upgrade: websocket");

            for (String frame : new String[] {"first-frame", "second-frame"}) {
                out.write(frame.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] echoed = client.getInputStream().readNBytes(frame.length());
                assertThat(new String(echoed, StandardCharsets.US_ASCII)).isEqualTo(frame);
            }
        }
    }

    private static void acceptAndEcho() {
        while (!upgradeServer.isClosed()) {
            try (Socket socket = upgradeServer.accept()) {
                String head = readHead(socket.getInputStream());
                if (!head.toLowerCase().contains("upgrade: websocket")) {
                    continue;
                }
                OutputStream out = socket.getOutputStream();
                out.write("HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] buffer = new byte[1024];
                int read;
                while ((read = socket.getInputStream().read(buffer)) > 0) {
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
