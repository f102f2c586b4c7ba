package dev.paddock.simulator.guest;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * A WebSocket echo service inside a simulated VM (what a guest's web app with live updates looks like to the edge):
 * any path upgraded to a WebSocket echoes each message back, prefixed with the VM's name. Plain requests get 426. Small
 * and hand-written on purpose: the guest has no web framework, and only the protocol's basics are needed.
 */
final class GuestWebSocketEcho {

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final String vmName;
    private final ServerSocket server;

    GuestWebSocketEcho(String vmName, String ip, int port) throws IOException {
        this.vmName = vmName;
        this.server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(ip, port));
        Thread.ofVirtual().name("ws-echo").start(this::acceptLoop);
    }

    void stop() throws IOException {
        server.close();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            String key = null;
            for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
                int colon = line.indexOf(':');
                if (colon > 0
                        && line.substring(0, colon)
                                .trim()
                                .toLowerCase(Locale.ROOT)
                                .equals("sec-websocket-key")) {
                    key = line.substring(colon + 1).trim();
                }
            }
            if (key == null) {
                byte[] body = "WebSocket only\n".getBytes(StandardCharsets.US_ASCII);
                out.write(("HTTP/1.1 426 Upgrade Required\r\nContent-Length: " + body.length
                                + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                return;
            }
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                            + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            echo(new DataInputStream(in), out);
        } catch (IOException ignored) {
            // the client went away
        }
    }

    /** Reads frames (masked, as clients send them) and answers each data frame; a close frame is answered and ends. */
    private void echo(DataInputStream in, OutputStream out) throws IOException {
        while (true) {
            int first = in.read();
            if (first < 0) {
                return;
            }
            int opcode = first & 0x0F;
            int second = in.readUnsignedByte();
            long length = second & 0x7F;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            if (length > 1 << 20) {
                return;
            }
            byte[] mask = new byte[4];
            if ((second & 0x80) != 0) {
                in.readFully(mask);
            }
            byte[] payload = new byte[(int) length];
            in.readFully(payload);
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
            if (opcode == 0x8) {
                frame(out, 0x8, payload);
                return;
            }
            if (opcode == 0x9) {
                frame(out, 0xA, payload);
            } else if (opcode == 0x1 || opcode == 0x2) {
                ByteArrayOutputStream answer = new ByteArrayOutputStream();
                answer.writeBytes((vmName + ": ").getBytes(StandardCharsets.UTF_8));
                answer.writeBytes(payload);
                frame(out, opcode, answer.toByteArray());
            }
        }
    }

    private static void frame(OutputStream out, int opcode, byte[] payload) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode);
        if (payload.length < 126) {
            frame.write(payload.length);
        } else {
            frame.write(126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xFF);
        }
        frame.writeBytes(payload);
        out.write(frame.toByteArray());
        out.flush();
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return line.toString().stripTrailing();
            }
            line.append((char) c);
            if (line.length() > 8192) {
                throw new IOException("header line too long");
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder()
                    .encodeToString(MessageDigest.getInstance("SHA-1")
                            .digest((key + GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
