package dev.paddock.simulator.resident;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The answer stream of one call: frames of a tag byte, a payload and a NUL, which {@code bin/simulator} reads with
 * {@code read -d ''}. Tags: {@code a} the call was taken (first), {@code o} stdout, {@code e} stderr, {@code x} the
 * exit code (last). A payload cannot hold NUL
 * (nor can a bash variable): the simulated tools print text, and a NUL in it is dropped.
 */
final class Frames {

    private final OutputStream socket;

    Frames(OutputStream socket) {
        this.socket = socket;
    }

    /** A stream whose every flush becomes one frame tagged {@code tag}, as a tool's stdio reaches its pipe. */
    OutputStream stream(char tag) {
        return new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

            @Override
            public void write(int b) {
                if (b != 0) {
                    pending.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                int start = offset;
                for (int i = offset; i < offset + length; i++) {
                    if (bytes[i] == 0) {
                        pending.write(bytes, start, i - start);
                        start = i + 1;
                    }
                }
                pending.write(bytes, start, offset + length - start);
            }

            @Override
            public void flush() throws IOException {
                if (pending.size() > 0) {
                    send(tag, pending.toByteArray());
                    pending.reset();
                }
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** The first frame: the call was taken and will run here. */
    void accepted() throws IOException {
        send('a', new byte[0]);
    }

    void exit(int code) throws IOException {
        send('x', Integer.toString(code).getBytes(StandardCharsets.US_ASCII));
    }

    private synchronized void send(char tag, byte[] payload) throws IOException {
        socket.write(tag);
        socket.write(payload);
        socket.write(0);
        socket.flush();
    }
}
