package dev.paddock.simulator.prlctl;

import dev.paddock.simulator.Invocation;
import dev.paddock.simulator.state.Faults;
import dev.paddock.simulator.state.SimulatorHome;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;

/**
 * {@code prlctl monitor-events --json}: runs until killed, printing one JSON object per line for every event of the
 * acting user's VMs from now on (it follows the events log from its current end, as PD's stream starts at
 * subscription). Written like C stdio: line by line to a terminal, in 4096-byte blocks to a pipe or file (REF runs the
 * real one under a PTY "to avoid buffering"), so a reader through a pipe sees lines late. {@code bin/simulator} says
 * whether stdout is a terminal ({@link Invocation#terminal()}), as Java cannot tell.
 */
final class EventStream {

    static final int BLOCK = 4096;

    private final SimulatorHome home;
    private final Faults faults;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final String user;

    EventStream(SimulatorHome home, Faults faults, Invocation invocation, String user) {
        this.home = home;
        this.faults = faults;
        this.out = invocation.out();
        this.err = invocation.err();
        this.terminal = invocation.terminal();
        this.user = user;
    }

    int follow() {
        long started = System.currentTimeMillis();
        long lifetime = faults.eventStreamLifetimeMillis();
        long lastLook = started;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        try {
            if (!Files.exists(home.events())) {
                Files.createFile(home.events());
            }
            try (RandomAccessFile file = new RandomAccessFile(home.events().toFile(), "r")) {
                long position = file.length();
                while (!out.checkError()) {
                    long now = System.currentTimeMillis();
                    if (lifetime > 0 && now - lastLook >= 200) {
                        // An injected lifetime is looked up again while the stream runs, so a test can end the stream
                        // when it has done what it watches instead of guessing a lifetime up front. A stream given
                        // one keeps one (faults cleared meanwhile, or a file caught half-written, change nothing).
                        lifetime = lifetimeNow(lifetime);
                        lastLook = now;
                    }
                    boolean cut = lifetime > 0 && now >= started + lifetime;
                    // Every event logged before the cut is delivered, the last ones too.
                    position = read(file, position, pending);
                    if (cut) {
                        break;
                    }
                    Thread.sleep(50);
                }
            }
            // Leaving normally (a stream cut short by an injected fault) flushes what stdio still holds, as exit()
            // does.
            out.write(pending.toByteArray());
            out.flush();
        } catch (IOException e) {
            err.println("Failed to monitor events: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // A stream cut short by an injected fault ends like a crashed dispatcher: non-zero.
        return lifetime > 0 ? 1 : 0;
    }

    private long lifetimeNow(long current) {
        try {
            long again = Faults.load(home).eventStreamLifetimeMillis();
            return again > 0 ? again : current;
        } catch (RuntimeException halfWritten) {
            return current;
        }
    }

    /** Writes the whole lines logged after {@code position}; answers the position after them. */
    private long read(RandomAccessFile file, long position, ByteArrayOutputStream pending) throws IOException {
        long length = file.length();
        if (length <= position) {
            return position;
        }
        file.seek(position);
        byte[] chunk = new byte[(int) (length - position)];
        file.readFully(chunk);
        String text = new String(chunk, StandardCharsets.UTF_8);
        int lastNewline = text.lastIndexOf('\n');
        if (lastNewline < 0) {
            return position;
        }
        for (String line : text.substring(0, lastNewline).split("\n")) {
            String shown = visible(line);
            if (shown != null) {
                write(pending, (shown + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        return position + text.substring(0, lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The event's JSON if it is the acting user's (lines are {@code owner<TAB>json}; older lines have no owner). */
    private String visible(String line) {
        int tab = line.indexOf('\t');
        if (tab < 0) {
            return line;
        }
        String owner = line.substring(0, tab);
        return owner.isEmpty() || owner.equals(user) ? line.substring(tab + 1) : null;
    }

    private void write(ByteArrayOutputStream pending, byte[] line) throws IOException {
        pending.write(line);
        if (terminal) {
            out.write(pending.toByteArray());
            out.flush();
            pending.reset();
            return;
        }
        while (pending.size() >= BLOCK) {
            byte[] all = pending.toByteArray();
            out.write(all, 0, BLOCK);
            out.flush();
            pending.reset();
            pending.write(all, BLOCK, all.length - BLOCK);
        }
    }
}
