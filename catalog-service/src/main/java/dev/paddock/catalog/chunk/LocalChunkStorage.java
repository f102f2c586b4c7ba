package dev.paddock.catalog.chunk;

import dev.paddock.pack.DirectoryChunkStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;

/** Chunks in a folder on the catalog's disk (the embedded default). */
final class LocalChunkStorage implements ChunkStorage {

    private final DirectoryChunkStore folder;

    LocalChunkStorage(Path root) throws IOException {
        this.folder = new DirectoryChunkStore(root);
    }

    @Override
    public String provider() {
        return "local";
    }

    @Override
    public Set<String> missing(Collection<String> digests) {
        return folder.missing(digests);
    }

    @Override
    public void put(String digest, byte[] stored) throws IOException {
        // DirectoryChunkStore verifies again; the cost is small beside the upload and keeps the folder trustworthy
        // even if another writer shares it.
        folder.put(digest, stored);
    }

    @Override
    public byte[] get(String digest) throws IOException {
        return folder.get(digest);
    }
}
