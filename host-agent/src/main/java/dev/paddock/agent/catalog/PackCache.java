package dev.paddock.agent.catalog;

import dev.paddock.agent.AgentProperties;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.CachedChunkSource;
import dev.paddock.pack.ChunkSource;
import dev.paddock.pack.Digests;
import dev.paddock.pack.DirectoryChunkStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The host's pack cache: the verified chunks of images pulled here, so that pulling the same image again fetches
 * nothing and a new version fetches only its changed chunks. Images are the unit of accounting: each remembers its
 * chunks; when space runs short (less than {@code keep-free-mb} left, or the cache above {@code max-cache-size-mb}),
 * the least recently used image that no pull is using is evicted, with the chunks no other cached image shares.
 */
@Component
public class PackCache {

    private static final Logger log = LoggerFactory.getLogger(PackCache.class);
    private static final long MB = 1024 * 1024;

    private final Path root;
    private final Path chunksFolder;
    private final DirectoryChunkStore chunks;
    private final Path itemsFile;
    private final JsonMapper json;
    private final long keepFree;
    private final long maxSize;
    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Integer> inUse = new HashMap<>();

    @Autowired
    PackCache(AgentProperties properties, JsonMapper json) throws IOException {
        this(
                properties.catalog().cacheFolder(),
                properties.catalog().keepFreeMb() * MB,
                properties.catalog().maxCacheSizeMb() * MB,
                json);
    }

    /** @param maxSize bytes, 0 for no limit but {@code keepFree} */
    PackCache(Path folder, long keepFree, long maxSize, JsonMapper json) throws IOException {
        this.root = Files.createDirectories(folder.toAbsolutePath());
        this.chunksFolder = root.resolve("chunks");
        this.chunks = new DirectoryChunkStore(chunksFolder);
        this.itemsFile = root.resolve("items.json");
        this.json = json;
        this.keepFree = keepFree;
        this.maxSize = maxSize;
        if (Files.exists(itemsFile)) {
            for (Item item : json.readValue(itemsFile.toFile(), new TypeReference<List<Item>>() {})) {
                items.put(item.key(), item);
            }
        }
    }

    /**
     * One cached image (the reference's cache fields of {@code CatalogManifest}).
     *
     * @param cacheSize compressed bytes of its chunks in the cache (chunks shared with other images counted in each)
     */
    public record Item(
            String catalogId,
            String version,
            String architecture,
            String type,
            long size,
            long cacheSize,
            Instant cacheDate,
            Instant cacheLastUsed,
            int cacheUsedCount,
            List<String> chunks) {

        String key() {
            return PackCache.key(catalogId, version, architecture);
        }
    }

    /** An image held in use; closing it lets the image be evicted again. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    /** Marks an image as in use until closed: it is never evicted meanwhile. */
    public synchronized Lease use(String catalogId, String version, String architecture) {
        String key = key(catalogId, version, architecture);
        inUse.merge(key, 1, Integer::sum);
        return () -> release(key);
    }

    /** Reads through the cache: chunks it holds are served from disk, the others fetched and kept once verified. */
    CachedChunkSource through(ChunkSource remote) {
        return new CachedChunkSource(chunks, remote);
    }

    /**
     * Makes room for a pull that will write {@code needed} bytes to this disk, evicting least recently used images
     * that no pull is using.
     *
     * @throws ProblemException 507 if even then the pull would leave less than keep-free
     */
    public synchronized void makeRoom(long needed) {
        if (!evictUntilRoomFor(needed)) {
            throw new ProblemException(
                    HttpStatus.INSUFFICIENT_STORAGE,
                    "not-enough-disk",
                    "Not enough disk",
                    "The pull needs " + needed / MB + " MB but only " + (usableSpace() - keepFree) / MB
                            + " MB can be used (keep-free " + keepFree / MB + " MB, cache "
                            + (maxSize > 0 ? "max " + maxSize / MB + " MB" : "unlimited")
                            + ") and nothing more can be evicted; free disk space or pull on another host.");
        }
    }

    /** Records that an image's chunks are all in the cache (after a successful pull), then applies the limits. */
    public synchronized void remember(
            String catalogId, String version, String architecture, String type, PackIndex pack) {
        String key = key(catalogId, version, architecture);
        Instant now = Instant.now();
        List<String> digests = pack.storedDigests();
        long cacheSize = 0;
        for (String digest : digests) {
            try {
                cacheSize += Files.size(chunks.pathOf(digest));
            } catch (IOException e) {
                // a chunk not kept (evicted meanwhile) just does not count
            }
        }
        Item previous = items.get(key);
        items.put(
                key,
                new Item(
                        catalogId,
                        version,
                        architecture,
                        type,
                        pack.size(),
                        cacheSize,
                        previous == null ? now : previous.cacheDate(),
                        now,
                        previous == null ? 1 : previous.cacheUsedCount() + 1,
                        digests));
        save();
        evictUntilRoomFor(0);
    }

    public synchronized List<Item> list() {
        return List.copyOf(items.values());
    }

    /** A digest of what is cached, sent in heartbeats so the orchestrator re-reads the list only when it changes. */
    public synchronized String digest() {
        StringBuilder all = new StringBuilder();
        items.keySet().stream().sorted().forEach(key -> all.append(key).append('\n'));
        byte[] bytes = all.toString().getBytes(StandardCharsets.UTF_8);
        return Digests.sha256(bytes, 0, bytes.length);
    }

    /**
     * Removes the cached images that match; images in use are kept.
     *
     * @return how many were removed
     * @throws ProblemException 409 if a matching image is being used by a pull
     */
    public synchronized int remove(Predicate<Item> which) {
        List<Item> matching = items.values().stream().filter(which).toList();
        List<String> busy =
                matching.stream().map(Item::key).filter(inUse::containsKey).toList();
        if (!busy.isEmpty()) {
            throw ProblemException.conflict(
                    "cache-item-in-use", "In use by a pull right now, try again when it ends: " + busy);
        }
        matching.forEach(this::evict);
        save();
        return matching.size();
    }

    long cacheBytes() {
        try (var files = Files.walk(chunksFolder)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(file -> file.toFile().length())
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private synchronized void release(String key) {
        inUse.computeIfPresent(key, (k, count) -> count > 1 ? count - 1 : null);
    }

    /**
     * Evicts least recently used images not in use until {@code needed} more bytes fit the limits. The cache's size is
     * read from disk once and then follows the evictions.
     *
     * @return false if the limits cannot be met even after evicting everything evictable
     */
    private boolean evictUntilRoomFor(long needed) {
        long cached = maxSize > 0 ? cacheBytes() : 0;
        while (usableSpace() - needed < keepFree || (maxSize > 0 && cached + needed > maxSize)) {
            Item victim = items.values().stream()
                    .filter(item -> !inUse.containsKey(item.key()))
                    .min(Comparator.comparing(Item::cacheLastUsed).thenComparingInt(Item::cacheUsedCount))
                    .orElse(null);
            if (victim == null) {
                return false;
            }
            log.info("Evicting {} from the pack cache (least recently used)", victim.key());
            cached -= evict(victim);
            save();
        }
        return true;
    }

    /** Drops an image and the chunks no other cached image needs; answers the bytes freed. */
    private long evict(Item victim) {
        items.remove(victim.key());
        Set<String> stillNeeded = new HashSet<>();
        items.values().forEach(item -> stillNeeded.addAll(item.chunks()));
        long freed = 0;
        for (String digest : victim.chunks()) {
            if (!stillNeeded.contains(digest)) {
                try {
                    Path file = chunks.pathOf(digest);
                    long size = Files.exists(file) ? Files.size(file) : 0;
                    chunks.delete(digest);
                    freed += size;
                } catch (IOException e) {
                    log.warn("Could not delete cached chunk {}: {}", digest, e.toString());
                }
            }
        }
        return freed;
    }

    private long usableSpace() {
        try {
            return Files.getFileStore(root).getUsableSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save() {
        try {
            Path partial = itemsFile.resolveSibling("items.json.partial");
            json.writeValue(partial.toFile(), new ArrayList<>(items.values()));
            Files.move(partial, itemsFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(String catalogId, String version, String architecture) {
        return catalogId + "/" + version + "/" + architecture;
    }
}
