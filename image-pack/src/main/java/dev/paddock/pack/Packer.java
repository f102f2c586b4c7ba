package dev.paddock.pack;

import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.contracts.catalog.PackIndex.Chunk;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Packs a bundle into a {@link ChunkStore}. A writer thread turns the bundle into a tar stream and cuts it into chunks
 * (a new chunk starts with every file's data, so chunks line up with file offsets and an in-place change to a disk image
 * changes only the chunks it touches). Chunks are handled in windows: hashed in parallel, the store asked once per
 * window which it lacks, and only those compressed and sent, in parallel. Memory stays at about two windows.
 */
public final class Packer {

    private static final int READ_BUFFER = 1024 * 1024;

    private final int chunkSize;
    private final int parallelism;
    private final int window;

    public Packer() {
        this(PackIndex.DEFAULT_CHUNK_SIZE, 2 * Runtime.getRuntime().availableProcessors(), 8);
    }

    /**
     * @param parallelism threads hashing, compressing and sending
     * @param window chunks per question to the store (and in memory at once)
     */
    public Packer(int chunkSize, int parallelism, int window) {
        if (chunkSize < PackIndexRules.MIN_CHUNK_SIZE || chunkSize > PackIndexRules.MAX_CHUNK_SIZE) {
            throw new IllegalArgumentException("chunk size out of range: " + chunkSize);
        }
        this.chunkSize = chunkSize;
        this.parallelism = Math.max(1, parallelism);
        this.window = Math.max(1, window);
    }

    /**
     * What a push did.
     *
     * @param bytesRead tar stream bytes produced from the bundle
     * @param zeroBytes of which in all-zero chunks (neither stored nor sent)
     * @param chunksSent chunks the store lacked and was sent
     * @param bytesSent compressed bytes sent
     */
    public record Result(PackIndex index, long bytesRead, long zeroBytes, int chunksSent, long bytesSent) {}

    public Result pack(Path bundle, ChunkStore store, Progress progress) throws IOException {
        List<Path> entries = entries(bundle);
        long total = 0;
        for (Path entry : entries) {
            if (Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                total += Files.size(entry);
            }
        }
        BlockingQueue<Raw> raw = new ArrayBlockingQueue<>(window);
        // Chunk buffers are reused: the writer fills a free one, and it comes back once hashed (and compressed, if it
        // is sent). Two windows in flight plus the queue bound the memory of a push whatever the bundle's size.
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(3 * window + 1);
        for (int i = 0; i < 3 * window + 1; i++) {
            free.add(new byte[chunkSize]);
        }
        ThreadLocal<byte[]> compressed = ThreadLocal.withInitial(() -> new byte[Codec.maxCompressedSize(chunkSize)]);
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = Thread.ofPlatform().name("pack-writer").daemon().start(() -> {
            try (Cutter cutter = new Cutter(raw, free)) {
                writeTar(bundle, entries, cutter);
            } catch (Throwable e) {
                writerFailure.set(e);
                offerQuietly(raw, Raw.END);
            }
        });
        List<Chunk> chunks = new ArrayList<>();
        Set<String> known = new HashSet<>();
        long bytesRead = 0;
        long zeroBytes = 0;
        int chunksSent = 0;
        AtomicLong bytesSent = new AtomicLong();
        byte[] zeros = new byte[chunkSize];
        List<Future<?>> previousSends = List.of();
        try (ExecutorService workers = Executors.newFixedThreadPool(
                parallelism,
                Thread.ofPlatform().name("pack-worker-", 0).daemon().factory())) {
            boolean end = false;
            while (!end) {
                List<Raw> batch = new ArrayList<>();
                Raw first = take(raw);
                if (first == Raw.END) {
                    end = true;
                } else {
                    batch.add(first);
                    while (batch.size() < window) {
                        Raw next = raw.poll();
                        if (next == null) {
                            break;
                        }
                        if (next == Raw.END) {
                            end = true;
                            break;
                        }
                        batch.add(next);
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }

                List<Future<String>> hashing = new ArrayList<>();
                for (Raw piece : batch) {
                    hashing.add(workers.submit(() -> Arrays.equals(piece.data, 0, piece.length, zeros, 0, piece.length)
                            ? Chunk.ZERO
                            : Digests.sha256(piece.data, 0, piece.length)));
                }
                List<String> digests = new ArrayList<>();
                for (Future<String> hash : hashing) {
                    digests.add(await(hash));
                }
                Set<String> candidates = new LinkedHashSet<>();
                for (String digest : digests) {
                    if (!digest.equals(Chunk.ZERO) && !known.contains(digest)) {
                        candidates.add(digest);
                    }
                }
                Set<String> missing = candidates.isEmpty() ? Set.of() : store.missing(candidates);
                List<Future<?>> sending = new ArrayList<>();
                Set<String> sent = new HashSet<>();
                for (int i = 0; i < batch.size(); i++) {
                    Raw piece = batch.get(i);
                    String digest = digests.get(i);
                    chunks.add(new Chunk(digest, piece.length));
                    bytesRead += piece.length;
                    if (digest.equals(Chunk.ZERO)) {
                        zeroBytes += piece.length;
                    } else if (missing.contains(digest) && sent.add(digest)) {
                        chunksSent++;
                        sending.add(workers.submit(() -> {
                            byte[] out = compressed.get();
                            int length = Codec.compressInto(piece.data, piece.length, out);
                            free.add(piece.data);
                            store.put(digest, out, length);
                            bytesSent.addAndGet(length);
                            return null;
                        }));
                        continue;
                    }
                    free.add(piece.data);
                }
                // Two windows in flight: this one's sends overlap the next one's reading and hashing.
                for (Future<?> send : previousSends) {
                    await(send);
                }
                previousSends = sending;
                known.addAll(candidates);
                progress.update(Math.min(bytesRead, total), total);
            }
            for (Future<?> send : previousSends) {
                await(send);
            }
        } finally {
            writer.interrupt();
            raw.clear();
        }
        joinQuietly(writer);
        Throwable failure = writerFailure.get();
        if (failure != null) {
            rethrow(failure);
        }
        PackIndex index = new PackIndex(PackIndex.FORMAT, chunkSize, bytesRead, chunks);
        return new Result(index, bytesRead, zeroBytes, chunksSent, bytesSent.get());
    }

    // ---- the tar stream
    // ------------------------------------------------------------------------------------------------

    /** Every path under the bundle in a stable order; links that point outside the bundle are refused. */
    private static List<Path> entries(Path bundle) throws IOException {
        if (!Files.isDirectory(bundle, LinkOption.NOFOLLOW_LINKS)) {
            throw new InvalidPackException(bundle + " is not a folder; a pack is made of a VM bundle folder");
        }
        Path root = bundle.toRealPath();
        try (Stream<Path> walk = Files.walk(bundle)) {
            List<Path> paths = walk.filter(p -> !p.equals(bundle)).sorted().toList();
            for (Path path : paths) {
                if (Files.isSymbolicLink(path)) {
                    Path target = Files.readSymbolicLink(path);
                    Path resolved = path.getParent().resolve(target).normalize();
                    if (target.isAbsolute()
                            || !resolved.toAbsolutePath()
                                    .startsWith(bundle.toAbsolutePath().normalize())) {
                        throw new InvalidPackException("the link " + root.relativize(path.toAbsolutePath())
                                + " points outside the bundle (" + target + ")");
                    }
                } else if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    throw new InvalidPackException(path + " is neither a file, a folder nor a link");
                }
            }
            return paths;
        }
    }

    private static void writeTar(Path bundle, List<Path> entries, Cutter cutter) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(cutter)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            byte[] buffer = new byte[READ_BUFFER];
            for (Path path : entries) {
                String name = bundle.relativize(path).toString().replace('\\', '/');
                TarArchiveEntry entry;
                if (Files.isSymbolicLink(path)) {
                    entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                    entry = new TarArchiveEntry(name + "/");
                } else {
                    entry = new TarArchiveEntry(name);
                    entry.setSize(Files.size(path));
                }
                entry.setMode(mode(path, entry));
                entry.setModTime(Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
                tar.putArchiveEntry(entry);
                if (entry.isFile()) {
                    cutter.boundary();
                    copy(path, entry.getSize(), tar, buffer);
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    private static void copy(Path file, long size, OutputStream out, byte[] buffer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer wrapped = ByteBuffer.wrap(buffer);
            long remaining = size;
            while (remaining > 0) {
                wrapped.clear().limit((int) Math.min(buffer.length, remaining));
                int read = channel.read(wrapped);
                if (read < 0) {
                    throw new IOException(file + " shrank while it was being packed");
                }
                out.write(buffer, 0, read);
                remaining -= read;
            }
        }
    }

    private static int mode(Path path, TarArchiveEntry entry) throws IOException {
        int type = entry.getMode() & ~0777;
        try {
            int bits = 0;
            for (PosixFilePermission permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
                bits |= 1 << (8 - permission.ordinal());
            }
            return type | bits;
        } catch (UnsupportedOperationException e) {
            return entry.getMode();
        }
    }

    // ---- cutting the stream into chunks ---------------------------------------------------------------------------

    private record Raw(byte[] data, int length) {
        static final Raw END = new Raw(new byte[0], 0);
    }

    /** Cuts what is written into chunks of at most {@code chunkSize}, and before every file's data. */
    private final class Cutter extends OutputStream {

        private final BlockingQueue<Raw> out;
        private final BlockingQueue<byte[]> free;
        private byte[] current;
        private int length;
        private boolean closed;

        Cutter(BlockingQueue<Raw> out, BlockingQueue<byte[]> free) throws IOException {
            this.out = out;
            this.free = free;
            this.current = take(free);
        }

        void boundary() throws IOException {
            if (length > 0) {
                emit();
            }
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int count) throws IOException {
            while (count > 0) {
                int n = Math.min(count, chunkSize - length);
                System.arraycopy(data, offset, current, length, n);
                length += n;
                offset += n;
                count -= n;
                if (length == chunkSize) {
                    emit();
                }
            }
        }

        private void emit() throws IOException {
            put(new Raw(current, length));
            current = take(free);
            length = 0;
        }

        private void put(Raw raw) throws IOException {
            try {
                out.put(raw);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("packing was cancelled");
            }
        }

        /** Ends the stream once (the tar writer closes it, and so does its owner). */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            boundary();
            put(Raw.END);
        }
    }

    // ---- plumbing -------------------------------------------------------------------------------------------------

    static <T> T take(BlockingQueue<T> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("packing was cancelled");
        }
    }

    private static void offerQuietly(BlockingQueue<Raw> queue, Raw raw) {
        queue.clear();
        queue.offer(raw);
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("cancelled");
        } catch (ExecutionException e) {
            rethrow(e.getCause());
            throw new IllegalStateException("unreachable");
        }
    }

    static void rethrow(@Nullable Throwable failure) throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof UncheckedIOException unchecked) {
            throw unchecked.getCause();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new IOException(failure);
    }
}
