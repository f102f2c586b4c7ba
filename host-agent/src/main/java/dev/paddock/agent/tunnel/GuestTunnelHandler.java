package dev.paddock.agent.tunnel;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.BinaryWebSocketHandler;

/**
 * One tunnel per WebSocket: binary messages from the client are written to the guest socket the handshake opened,
 * and what the guest sends comes back as binary messages, read on a virtual thread. The guest closing ends the
 * WebSocket normally; the client closing closes the guest socket.
 */
class GuestTunnelHandler extends BinaryWebSocketHandler {

    static final String GUEST = "paddock.tunnel.guest";
    static final String LABEL = "paddock.tunnel.label";

    private static final Logger log = LoggerFactory.getLogger(GuestTunnelHandler.class);
    private static final int BUFFER = 64 * 1024;

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        Socket guest = guest(session);
        String label = (String) session.getAttributes().get(LABEL);
        Thread.ofVirtual().name("tunnel-" + label).start(() -> guestToClient(guest, session, label));
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) throws IOException {
        ByteBuffer payload = message.getPayload();
        byte[] bytes = new byte[payload.remaining()];
        payload.get(bytes);
        guest(session).getOutputStream().write(bytes);
    }

    /** Messages of any size, as the client's writes come, without buffering them whole. */
    @Override
    public boolean supportsPartialMessages() {
        return true;
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        GuestTunnels.closeQuietly(guest(session));
    }

    @Override
    public void handleTransportError(WebSocketSession session, Throwable exception) {
        log.debug("Tunnel {} transport error: {}", session.getAttributes().get(LABEL), exception.toString());
        GuestTunnels.closeQuietly(guest(session));
    }

    private static void guestToClient(Socket guest, WebSocketSession session, String label) {
        byte[] buffer = new byte[BUFFER];
        try {
            InputStream fromGuest = guest.getInputStream();
            int n;
            while ((n = fromGuest.read(buffer)) >= 0) {
                session.sendMessage(new BinaryMessage(Arrays.copyOf(buffer, n)));
            }
            session.close(CloseStatus.NORMAL.withReason("guest closed the connection"));
        } catch (IOException e) {
            log.debug("Tunnel {} ended: {}", label, e.toString());
            closeQuietly(session, CloseStatus.GOING_AWAY);
        } finally {
            GuestTunnels.closeQuietly(guest);
        }
    }

    private static Socket guest(WebSocketSession session) {
        return (Socket) session.getAttributes().get(GUEST);
    }

    private static void closeQuietly(WebSocketSession session, CloseStatus status) {
        try {
            session.close(status);
        } catch (IOException ignored) {
            // closing
        }
    }
}
