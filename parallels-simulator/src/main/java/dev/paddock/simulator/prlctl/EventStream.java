package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.state.Faults;
import dev.paddock.simulator.state.SimulatorHome;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * {@code prlctl monitor-events --json}: runs until killed, printing one JSON object per line for every event that
 * happens from now on (it follows the events log from its current end, as PD's stream starts at subscription).
 */
final class EventStream {

    private final SimulatorHome home;
    private final Faults faults;
    private final PrintStream out;

    EventStream(SimulatorHome home, Faults faults, PrintStream out) {
        this.home = home;
        this.faults = faults;
        this.out = out;
    }

    int follow() {
        long deadline = faults.eventStreamLifetimeMillis() > 0
                ? System.currentTimeMillis() + faults.eventStreamLifetimeMillis()
                : Long.MAX_VALUE;
        try {
            if (!Files.exists(home.events())) {
                Files.createFile(home.events());
            }
            try (RandomAccessFile file = new RandomAccessFile(home.events().toFile(), "r")) {
                long position = file.length();
                while (System.currentTimeMillis() < deadline && !out.checkError()) {
                    long length = file.length();
                    if (length > position) {
                        file.seek(position);
                        byte[] chunk = new byte[(int) (length - position)];
                        file.readFully(chunk);
                        int lastNewline = new String(chunk, StandardCharsets.UTF_8).lastIndexOf('\n');
                        if (lastNewline >= 0) {
                            out.print(new String(chunk, 0, lastNewline + 1, StandardCharsets.UTF_8));
                            out.flush();
                            position += lastNewline + 1;
                        }
                    }
                    Thread.sleep(50);
                }
            }
        } catch (IOException e) {
            System.err.println("Failed to monitor events: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A stream cut short by an injected fault ends like a crashed dispatcher: non-zero.
        return deadline == Long.MAX_VALUE ? 0 : 1;
    }
}
