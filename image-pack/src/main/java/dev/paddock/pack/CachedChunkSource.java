package dev.paddock.pack;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads chunks from a host's pack cache and fetches only the ones it lacks, keeping each — once the reader has
 * verified it — for the next pull:
 * a new version of an image that shares most chunks with a cached one costs only its new chunks.
 */
public final class CachedChunkSource implements ChunkSource {

    private final DirectoryChunkStore cache;
    private final ChunkSource remote;
    private final AtomicLong fetchedBytes = new AtomicLong();
    private final AtomicLong cachedBytes = new AtomicLong();

    public CachedChunkSource(DirectoryChunkStore cache, ChunkSource remote) {
        this.cache = cache;
        this.remote = remote;
    }

    @Override
    public byte[] get(String digest) throws IOException {
        if (cache.has(digest)) {
            try {
                byte[] stored = cache.get(digest);
                cachedBytes.addAndGet(stored.length);
                return stored;
            } catch (java.nio.file.NoSuchFileException evicted) {
                // evicted between the check and the read: fetch it
            }
        }
        byte[] stored = remote.get(digest);
        fetchedBytes.addAndGet(stored.length);
        return stored;
    }

    @Override
    public void rejected(String digest) throws IOException {
        cache.delete(digest);
    }

    /** Keeps a fetched chunk once the reader has verified it: the cache never holds an unverified chunk. */
    @Override
    public void verified(String digest, byte[] stored) throws IOException {
        if (!cache.has(digest)) {
            cache.putVerified(digest, stored);
        }
    }

    /** Compressed bytes fetched from the remote source so far. */
    public long fetchedBytes() {
        return fetchedBytes.get();
    }

    /** Compressed bytes served from the cache so far. */
    public long cachedBytes() {
        return cachedBytes.get();
    }
}
