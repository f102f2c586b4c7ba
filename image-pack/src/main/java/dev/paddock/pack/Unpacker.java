package dev.paddock.pack;

import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.contracts.catalog.PackIndex.Chunk;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Rebuilds a bundle from its pack. Chunks are fetched, decompressed and verified in parallel a window ahead of the tar
 * reader, which writes the files as the bytes arrive; runs of zeros become holes, so sparse disks stay sparse. Everything
 * goes into a hidden folder next to the target that is renamed into place only when the whole pack has been read and
 * verified: a corrupted chunk, a truncated pack or an unsafe entry leaves nothing behind.
 */
public final class Unpacker {

    private static final int WRITE_BLOCK = 64 * 1024;

    private final int parallelism;

    public Unpacker() {
        this(8);
    }

    /** @param parallelism chunks fetched at once (and about twice that in memory) */
    public Unpacker(int parallelism) {
        this.parallelism = Math.max(1, parallelism);
    }

    /**
     * What a pull did.
     *
     * @param chunksFetched chunks asked from the source (zero chunks are never asked for)
     * @param bytesFetched compressed bytes received
     * @param zeroBytes bytes of zero chunks, made locally
     */
    public record Result(long size, int chunksFetched, long bytesFetched, long zeroBytes) {}

    public Result unpack(PackIndex index, ChunkSource source, Path target, Progress progress) throws IOException {
        PackIndexRules.validate(index);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null, "the target of an unpack must not exist");
        }
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = parent.resolve("." + target.getFileName() + ".partial-" + UUID.randomUUID());
        Files.createDirectory(partial);
        try (ExecutorService fetchers = Executors.newFixedThreadPool(
                        parallelism,
                        Thread.ofPlatform().name("unpack-fetch-", 0).daemon().factory());
                ChunkStream stream = new ChunkStream(index, source, fetchers, progress)) {
            extract(stream, partial);
            stream.drain();
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            return new Result(index.size(), stream.fetched.get(), stream.fetchedBytes.get(), stream.zeroBytes);
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(partial);
            throw e;
        }
    }

    // ---- the tar side ---------------------------------------------------------------------------------------------

    private static void extract(InputStream stream, Path root) throws IOException {
        Map<Path, TarArchiveEntry> folders = new HashMap<>();
        byte[] block = new byte[WRITE_BLOCK];
        byte[] zeros = new byte[WRITE_BLOCK];
        TarArchiveInputStream tar = new TarArchiveInputStream(stream);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = safePath(root, entry.getName());
            if (entry.isDirectory()) {
                Files.createDirectories(path);
                folders.put(path, entry);
            } else if (entry.isSymbolicLink()) {
                Path link = Path.of(entry.getLinkName());
                Path resolved = path.getParent().resolve(link).normalize();
                if (link.isAbsolute() || !resolved.startsWith(root)) {
                    throw new InvalidPackException(
                            "the entry " + entry.getName() + " links outside the bundle (" + entry.getLinkName() + ")");
                }
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, link);
            } else if (isRegularFile(entry)) {
                Files.createDirectories(path.getParent());
                writeSparse(tar, path, entry.getSize(), block, zeros);
                applyMode(path, entry.getMode());
                Files.setLastModifiedTime(path, FileTime.from(entry.getModTime().toInstant()));
            } else {
                throw new InvalidPackException("the entry " + entry.getName()
                        + " is not a file, a folder or a link inside the bundle; packs hold nothing else");
            }
        }
        // Folders last, deepest first: their times change while files are written into them.
        List<Path> ordered = new ArrayList<>(folders.keySet());
        ordered.sort(Comparator.comparingInt(Path::getNameCount).reversed());
        for (Path folder : ordered) {
            applyMode(folder, folders.get(folder).getMode() | 0700);
            Files.setLastModifiedTime(
                    folder, FileTime.from(folders.get(folder).getModTime().toInstant()));
        }
    }

    /** Only plain files: commons-compress also calls devices and FIFOs "files". */
    private static boolean isRegularFile(TarArchiveEntry entry) {
        byte type = entry.getLinkFlag();
        return (type == TarArchiveEntry.LF_NORMAL || type == TarArchiveEntry.LF_OLDNORM)
                && !entry.getName().endsWith("/");
    }

    /** Refuses absolute names and names that climb out of the bundle. */
    static Path safePath(Path root, String name) {
        if (name.isEmpty() || name.indexOf('\0') >= 0 || name.startsWith("/") || name.contains("\\")) {
            throw new InvalidPackException("the entry name '" + name + "' is not a relative path inside the bundle");
        }
        Path path = root.resolve(name).normalize();
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw new InvalidPackException("the entry name '" + name + "' climbs out of the bundle");
            }
        }
        if (!path.startsWith(root) || path.equals(root)) {
            throw new InvalidPackException("the entry name '" + name + "' is outside the bundle");
        }
        return path;
    }

    private static void writeSparse(InputStream in, Path file, long size, byte[] block, byte[] zeros)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            long position = 0;
            while (position < size) {
                int wanted = (int) Math.min(block.length, size - position);
                int read = in.readNBytes(block, 0, wanted);
                if (read < wanted) {
                    throw new InvalidPackException("the pack ends inside " + file.getFileName());
                }
                if (!Arrays.equals(block, 0, read, zeros, 0, read)) {
                    ByteBuffer data = ByteBuffer.wrap(block, 0, read);
                    while (data.hasRemaining()) {
                        channel.write(data, position + data.position());
                    }
                }
                position += read;
            }
            if (channel.size() < size) {
                // The file ends in a hole: one byte at the end gives it its length without filling the hole.
                channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
            }
        }
    }

    private static void applyMode(Path path, int mode) throws IOException {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] all = PosixFilePermission.values();
        for (int i = 0; i < all.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                permissions.add(all[i]);
            }
        }
        try {
            Files.setPosixFilePermissions(path, permissions);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the defaults
        }
    }

    private static void deleteQuietly(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException ignored) {
                    // best effort: a leftover hidden folder is harmless and named as partial
                }
            });
        } catch (IOException ignored) {
            // nothing to clean
        }
    }

    // ---- the chunk side -------------------------------------------------------------------------------------------

    /** The tar stream, chunk after chunk, each fetched and verified ahead of the reader. */
    private final class ChunkStream extends InputStream {

        private final PackIndex index;
        private final ChunkSource source;
        private final ExecutorService fetchers;
        private final Progress progress;
        private final Map<Integer, Future<byte[]>> ahead = new HashMap<>();
        private final byte[] zeros;
        /** Content buffers, reused: the chunks fetched ahead plus the one being read (see Codec's scratch buffers). */
        private final BlockingQueue<byte[]> pool;

        final AtomicInteger fetched = new AtomicInteger();
        final AtomicLong fetchedBytes = new AtomicLong();
        long zeroBytes;
        private int next;
        private int submitted;
        private byte[] current = new byte[0];
        private int currentLength;
        private int offset;
        private long consumed;

        ChunkStream(PackIndex index, ChunkSource source, ExecutorService fetchers, Progress progress) {
            this.index = index;
            this.source = source;
            this.fetchers = fetchers;
            this.progress = progress;
            this.zeros = new byte[index.chunkSize()];
            this.pool = new ArrayBlockingQueue<>(2 * parallelism + 2);
            for (int i = 0; i < 2 * parallelism + 2; i++) {
                pool.add(new byte[index.chunkSize()]);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int at, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (offset == currentLength) {
                if (!advance()) {
                    return -1;
                }
            }
            int n = Math.min(length, currentLength - offset);
            System.arraycopy(current, offset, buffer, at, n);
            offset += n;
            consumed += n;
            return n;
        }

        /** Reads (and so verifies) whatever the tar reader left after its end marker. */
        void drain() throws IOException {
            byte[] sink = new byte[WRITE_BLOCK];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
            if (consumed != index.size()) {
                throw new InvalidPackException("read " + consumed + " bytes, the index says " + index.size());
            }
        }

        private boolean advance() throws IOException {
            if (next >= index.chunks().size()) {
                return false;
            }
            while (submitted < index.chunks().size() && submitted < next + 2 * parallelism) {
                Chunk chunk = index.chunks().get(submitted);
                ahead.put(submitted, chunk.isZero() ? CompletableFuture.completedFuture(zeros) : fetch(chunk));
                submitted++;
            }
            Chunk chunk = index.chunks().get(next);
            if (current != zeros && current.length > 0) {
                pool.add(current);
            }
            current = Packer.await(ahead.remove(next));
            if (chunk.isZero()) {
                zeroBytes += chunk.size();
            }
            currentLength = chunk.size();
            offset = 0;
            next++;
            progress.update(consumed, index.size());
            return true;
        }

        private Future<byte[]> fetch(Chunk chunk) {
            return fetchers.submit(() -> {
                byte[] content = Packer.take(pool);
                try {
                    return fetchInto(chunk, content);
                } catch (InvalidPackException first) {
                    // One more try: a cached copy may have been torn by a crash, or the bytes damaged on the way.
                    source.rejected(chunk.digest());
                    try {
                        return fetchInto(chunk, content);
                    } catch (IOException | RuntimeException second) {
                        pool.add(content);
                        throw second;
                    }
                } catch (IOException | RuntimeException e) {
                    pool.add(content);
                    throw e;
                }
            });
        }

        private byte[] fetchInto(Chunk chunk, byte[] content) throws IOException {
            byte[] stored = source.get(chunk.digest());
            fetched.incrementAndGet();
            fetchedBytes.addAndGet(stored.length);
            int length = Codec.openInto(chunk.digest(), stored, content);
            if (length != chunk.size()) {
                throw new InvalidPackException(
                        "chunk " + chunk.digest() + " has " + length + " bytes, the index says " + chunk.size());
            }
            source.verified(chunk.digest(), stored);
            return content;
        }

        @Override
        public void close() {
            ahead.values().forEach(future -> future.cancel(true));
        }
    }
}
