import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.CachedChunkSource;
import dev.paddock.pack.ChunkSource;
import dev.paddock.pack.DirectoryChunkStore;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Progress;
import dev.paddock.pack.Unpacker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Paddock's pack format against the reference's `tar | gzip -5` and against `tar | zstd -T0`, on one synthetic bundle,
 * in one run. Every push starts with the bundle in the page cache; every push and pull ends with `sync` (nothing is
 * stored until it is on disk).
 */
public class PackBench {

    static final long MIB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[0]);
        long size = Long.parseLong(args[1]) * MIB;
        Path source = work.resolve("src");
        Path bundle = source.resolve("bench.pvm");
        Path disk = bundle.resolve("harddisk.hdd/harddisk.hdd.0.{5fbaabe3}.hds");
        makeBundle(bundle, disk, size);
        System.out.printf("Bundle: %d MiB (%d MiB random, %d MiB sparse hole); %d cores, JDK %s%n%n",
                size / MIB, size / 2 / MIB, size / 2 / MIB, Runtime.getRuntime().availableProcessors(), Runtime.version());

        // ---- the reference's method and plain zstd ------------------------------------------------------------
        // Each push starts with the bundle in the page cache, so the order of the methods does not favour one of them.
        String warm = "find " + bundle + " -type f -exec cat {} + > /dev/null";
        Path gz = work.resolve("pack.tar.gz");
        shell(warm);
        double gzPush = shell("tar -C " + source + " -cf - bench.pvm | gzip -5 > " + gz + " && sync");
        double gzPull = pullWithShell(work, "gzip -dc " + gz);
        long gzBytes = Files.size(gz);
        Files.delete(gz);
        Path zst = work.resolve("pack.tar.zst");
        shell(warm);
        double zstPush = shell("tar -C " + source + " -cf - bench.pvm | zstd -T0 -3 -q -o " + zst + " && sync");
        double zstPull = pullWithShell(work, "zstd -dc -q " + zst);
        long zstBytes = Files.size(zst);
        Files.delete(zst);

        // ---- Paddock ------------------------------------------------------------------------------------------------
        DirectoryChunkStore store = new DirectoryChunkStore(work.resolve("store"));
        shell(warm);
        long t = System.nanoTime();
        Packer.Result pushed = new Packer().pack(bundle, store, Progress.NONE);
        shell("sync");
        double packPush = seconds(t);
        long stored = folderBytes(work.resolve("store"));
        DirectoryChunkStore cache = new DirectoryChunkStore(work.resolve("host-cache"));
        Path pulled = work.resolve("pulled/bench.pvm");
        t = System.nanoTime();
        new Unpacker().unpack(pushed.index(), new CachedChunkSource(cache, store), pulled, Progress.NONE);
        // The bundle is what the VM needs; the host cache's copies are written back by the kernel afterwards.
        shell("sync " + pulled.resolve(bundle.relativize(disk)));
        double packPull = seconds(t);
        shell("sync");
        double packPullAndCache = seconds(t);
        deleteTree(pulled);
        shell("sync");
        // The same pull without keeping chunks in a host cache: what the cache's extra writes cost on this disk.
        t = System.nanoTime();
        new Unpacker().unpack(pushed.index(), store, pulled, Progress.NONE);
        shell("sync");
        double packPullNoCache = seconds(t);
        deleteTree(pulled);

        System.out.println("| method | push s | push MB/s | pull s | pull MB/s | bytes stored |");
        System.out.println("|---|---|---|---|---|---|");
        row("tar \\| gzip -5 (reference)", size, gzPush, gzPull, gzBytes);
        row("tar \\| zstd -T0", size, zstPush, zstPull, zstBytes);
        row("Paddock pack", size, packPush, packPull, stored);
        row("Paddock pack, pull without host cache", size, packPush, packPullNoCache, stored);
        System.out.printf("%nPaddock vs tar|gzip: push %.2fx faster, pull %.2fx faster%n", gzPush / packPush, gzPull / packPull);
        System.out.printf("Paddock vs tar|zstd: push takes %.2fx, pull takes %.2fx%n", packPush / zstPush, packPull / zstPull);
        System.out.printf("Pull until the host cache's copies are on disk too: %.1f s (%.2fx faster than tar|gzip)%n",
                packPullAndCache, gzPull / packPullAndCache);
        System.out.printf("Pull without host cache vs tar|gzip: %.2fx faster; vs tar|zstd: takes %.2fx%n%n",
                gzPull / packPullNoCache, packPullNoCache / zstPull);

        // ---- unchanged re-push ------------------------------------------------------------------------------------
        Packer.Result again = new Packer().pack(bundle, store, Progress.NONE);
        System.out.printf("Re-push of the unchanged bundle: Paddock sent %d bytes (%.4f%% of the stored pack); "
                        + "the archive methods send their whole archive again (%d / %d bytes)%n",
                again.bytesSent(), 100.0 * again.bytesSent() / stored, gzBytes, zstBytes);

        // ---- a version that differs in 10% of its data ----------------------------------------------------------
        PackIndex before = pushed.index();
        Set<String> plainV1 = new HashSet<>();
        plainChunks(bundle, before.chunkSize(), (digest, length) -> plainV1.add(digest));
        // First 10% of the image's data (its non-zero half) rewritten in place; the host holds version 1 only.
        changeInPlace(disk, size / 2 / 10, 7);
        Packer.Result tenth = new Packer().pack(bundle, store, Progress.NONE);
        long[] fetched = {0};
        ChunkSource hostWithOnlyV1 = digest -> {
            if (cache.has(digest)) {
                return cache.get(digest);
            }
            byte[] chunk = store.get(digest);
            fetched[0] += chunk.length;
            return chunk;
        };
        new Unpacker().unpack(tenth.index(), hostWithOnlyV1, work.resolve("pulled/tenth.pvm"), Progress.NONE);
        deleteTree(work.resolve("pulled/tenth.pvm"));
        long tenthStored = storedSize(store, tenth.index());
        System.out.printf("Version with 10%% of its data rewritten (%d MiB): push sent %.1f MiB, a host holding the "
                        + "previous version fetched %.1f MiB (%.1f%% of the %.1f MiB a full pull fetches)%n",
                size / 2 / 10 / MIB, tenth.bytesSent() / (double) MIB, fetched[0] / (double) MIB,
                100.0 * fetched[0] / tenthStored, tenthStored / (double) MIB);

        // Then 10% of the whole bundle (20% of its data) rewritten, over the same region, plus a settings change.
        changeInPlace(disk, size / 10, 8);
        // A settings change: the configuration grows by 700 bytes (more than a tar record), ahead of the disk.
        Files.writeString(bundle.resolve("config.pvs"), "<Description>" + "v2 ".repeat(229) + "</Description>\n",
                StandardOpenOption.APPEND);
        Packer.Result v2 = new Packer().pack(bundle, store, Progress.NONE);
        CachedChunkSource hostWithV1 = new CachedChunkSource(cache, store);
        new Unpacker().unpack(v2.index(), hostWithV1, work.resolve("pulled/v2.pvm"), Progress.NONE);
        long v2Stored = storedSize(store, v2.index());
        System.out.printf("Version with 10%% of the bundle rewritten: Paddock sent %.1f MiB (%.1f%% of its %.1f MiB pack)%n",
                v2.bytesSent() / (double) MIB, 100.0 * v2.bytesSent() / v2Stored, v2Stored / (double) MIB);
        System.out.printf("Pull of that version on a host holding the previous one: fetched %.1f MiB (%.1f%% of the pack), "
                        + "%.1f MiB from the host's cache%n",
                hostWithV1.fetchedBytes() / (double) MIB, 100.0 * hostWithV1.fetchedBytes() / v2Stored,
                hostWithV1.cachedBytes() / (double) MIB);

        // ---- the chunking decision (ADR 0200) -------------------------------------------------------------------
        System.out.printf("%nChunking choice on the same change (10%% of the disk rewritten, configuration grown by 700 bytes):%n");
        Set<String> alignedOld = new HashSet<>(before.storedDigests());
        long alignedNew = v2.index().chunks().stream().filter(c -> !c.isZero() && !alignedOld.contains(c.digest()))
                .mapToLong(PackIndex.Chunk::size).sum();
        System.out.printf("  chunks restarted at every file's data (Paddock): %.1f%% of the data is new%n",
                100.0 * alignedNew / size);
        System.out.printf("  fixed chunks over the whole tar stream:          %.1f%% of the data is new%n",
                100.0 * plainNew(bundle, before.chunkSize(), plainV1) / size);
    }

    // ---- the bundle ---------------------------------------------------------------------------------------------

    static void makeBundle(Path bundle, Path disk, long size) throws IOException {
        Files.createDirectories(disk.getParent());
        Files.writeString(bundle.resolve("config.pvs"), "<ParallelsVirtualMachine><Name>bench</Name></ParallelsVirtualMachine>\n");
        Files.writeString(bundle.resolve("VmInfo.pvi"), "<VmInfo/>\n");
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            SplittableRandom random = new SplittableRandom(42);
            ByteBuffer buffer = ByteBuffer.allocate((int) MIB);
            for (long written = 0; written < size / 2; written += MIB) {
                buffer.clear();
                while (buffer.hasRemaining()) buffer.putLong(random.nextLong());
                buffer.flip();
                channel.write(buffer);
            }
            channel.write(ByteBuffer.wrap(new byte[1]), size - 1);
        }
    }

    /** Rewrites {@code bytes} of the disk's random half with new random data, in place. */
    static void changeInPlace(Path disk, long bytes, long seed) throws IOException {
        try (FileChannel channel = FileChannel.open(disk, StandardOpenOption.WRITE)) {
            SplittableRandom random = new SplittableRandom(seed);
            ByteBuffer buffer = ByteBuffer.allocate((int) MIB);
            long start = 64 * MIB;
            for (long done = 0; done < bytes; done += MIB) {
                buffer.clear();
                while (buffer.hasRemaining()) buffer.putLong(random.nextLong());
                buffer.flip();
                channel.write(buffer, start + done);
            }
        }
    }

    // ---- fixed chunks over the raw tar stream, for the ADR's comparison -----------------------------------------

    static long plainNew(Path bundle, int chunkSize, Set<String> old) throws Exception {
        long[] fresh = {0};
        plainChunks(bundle, chunkSize, (digest, length) -> {
            if (!old.contains(digest)) fresh[0] += length;
        });
        return fresh[0];
    }

    interface ChunkSink {
        void accept(String digest, int length);
    }

    static void plainChunks(Path bundle, int chunkSize, ChunkSink sink) throws Exception {
        OutputStream cutter = new OutputStream() {
            final byte[] buffer = new byte[chunkSize];
            int length;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] data, int offset, int count) throws IOException {
                while (count > 0) {
                    int n = Math.min(count, chunkSize - length);
                    System.arraycopy(data, offset, buffer, length, n);
                    length += n;
                    offset += n;
                    count -= n;
                    if (length == chunkSize) flush();
                }
            }

            @Override
            public void flush() {
                if (length == 0) return;
                try {
                    MessageDigest sha = MessageDigest.getInstance("SHA-256");
                    sha.update(buffer, 0, length);
                    sink.accept(HexFormat.of().formatHex(sha.digest()), length);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                length = 0;
            }

            @Override
            public void close() {
                flush();
            }
        };
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(cutter); Stream<Path> walk = Files.walk(bundle)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            byte[] buffer = new byte[(int) MIB];
            for (Path path : walk.filter(p -> !p.equals(bundle)).sorted().toList()) {
                String name = bundle.relativize(path).toString();
                TarArchiveEntry entry = new TarArchiveEntry(Files.isDirectory(path) ? name + "/" : name);
                if (Files.isRegularFile(path)) entry.setSize(Files.size(path));
                entry.setModTime(Files.getLastModifiedTime(path));
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(path)) {
                    try (var in = Files.newInputStream(path)) {
                        int n;
                        while ((n = in.read(buffer)) > 0) tar.write(buffer, 0, n);
                    }
                }
                tar.closeArchiveEntry();
            }
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------------

    static double pullWithShell(Path work, String decompress) throws Exception {
        Path target = work.resolve("baseline-pull");
        Files.createDirectories(target);
        double seconds = shell(decompress + " | tar -C " + target + " -xf - && sync");
        deleteTree(target);
        return seconds;
    }

    static double shell(String command) throws Exception {
        long t = System.nanoTime();
        Process process = new ProcessBuilder("bash", "-o", "pipefail", "-c", command).inheritIO().start();
        if (process.waitFor() != 0) throw new IllegalStateException("failed: " + command);
        return seconds(t);
    }

    static long storedSize(DirectoryChunkStore store, PackIndex index) throws IOException {
        long total = 0;
        for (String digest : index.storedDigests()) total += Files.size(store.pathOf(digest));
        return total;
    }

    static long folderBytes(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) return;
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    static void row(String method, long size, double push, double pull, long stored) {
        System.out.printf("| %s | %.1f | %.0f | %.1f | %.0f | %.0f MiB |%n", method, push, size / MIB / push, pull,
                size / MIB / pull, stored / (double) MIB);
    }

    static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
