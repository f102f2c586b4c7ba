package dev.paddock.simulator.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A lock file of the simulated host, safe between processes and between the threads of one: a {@link FileLock} is held
 * per process (a second thread asking for it gets {@code OverlappingFileLockException}), so the resident simulator's
 * calls first take turns on a lock of their own, then on the file, which one-off simulator processes share.
 */
final class HostLock {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private HostLock() {}

    /** Runs {@code work} holding {@code file}'s lock, {@code shared} with other readers across processes or not. */
    static <T> T holding(Path file, boolean shared, Supplier<T> work) {
        ReentrantLock turn = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), key -> new ReentrantLock());
        turn.lock();
        try (FileChannel channel = FileChannel.open(
                        file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
                FileLock lock = channel.lock(0, Long.MAX_VALUE, shared)) {
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lock " + file, e);
        } finally {
            turn.unlock();
        }
    }
}
