package dev.paddock.pack.push;

import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.pack.ChunkStore;
import dev.paddock.pack.Packer;
import dev.paddock.pack.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Pushes a VM bundle: packs it into the catalog's chunk store, which sends only the chunks the catalog lacks, then
 * commits the manifest last, so running an interrupted push again resumes it. The catalog refuses a commit whose chunks
 * are not all stored; that happens when chunks were collected between the packer's question and the commit (a push
 * slower than the catalog's grace period). Packing again sends exactly those chunks, so the push does that once and
 * commits again; a second refusal is not retried but reaches the caller as the catalog said it.
 *
 * <p>How the commit travels and how errors are reported stay with the caller (a CLI prints, an agent answers a
 * problem): packing throws {@link IOException} or {@link dev.paddock.pack.InvalidPackException}, a commit throws what
 * the caller's {@link Catalog} throws.
 */
public final class ImagePush {

    private final Packer packer;
    private final ChunkStore chunks;

    /** @param chunks the catalog's chunk store (usually an {@link dev.paddock.pack.HttpChunkClient}) */
    public ImagePush(Packer packer, ChunkStore chunks) {
        this.packer = packer;
        this.chunks = chunks;
    }

    /**
     * The catalog's commit, as the caller reaches it.
     *
     * @param <M> the committed manifest, as the caller reads it
     */
    public interface Catalog<M> {

        /** Commits the manifest; a refusal is thrown as the caller's own exception. */
        M commit(ManifestCommit commit);

        /** Whether a refusal {@link #commit} threw says chunks are missing, which packing again repairs. */
        boolean chunksMissing(RuntimeException refusal);
    }

    /**
     * Told how a push goes. {@link #update} reports bytes of the bundle packed, from any thread; the other calls come
     * from the pushing thread.
     */
    public interface Steps extends Progress {

        /** A pack begins: the first, or the one that sends collected chunks again. */
        default void packStarted() {}

        /** A pack is done; every chunk the catalog lacked is stored. */
        default void packFinished(Packer.Result packed) {}

        /** The first commit begins. */
        default void committing() {}

        /** The commit was refused because chunks are missing: they are sent again, once. */
        default void resending() {}
    }

    /**
     * A committed push.
     *
     * @param packed the first pack: what the push sent apart from chunks sent again
     */
    public record Pushed<M>(M manifest, Packer.Result packed) {}

    /**
     * Packs {@code bundle} and commits {@code commit} with its pack index.
     *
     * @param commit the manifest's metadata; its pack is the one this push makes
     */
    public <M> Pushed<M> push(Path bundle, ManifestCommit commit, Catalog<M> catalog, Steps steps) throws IOException {
        Packer.Result packed = pack(bundle, steps);
        steps.committing();
        try {
            return new Pushed<>(catalog.commit(commit.withPack(packed.index())), packed);
        } catch (RuntimeException refusal) {
            if (!catalog.chunksMissing(refusal)) {
                throw refusal;
            }
        }
        steps.resending();
        Packer.Result again = pack(bundle, steps);
        return new Pushed<>(catalog.commit(commit.withPack(again.index())), packed);
    }

    /**
     * The manifest type a bundle folder's name says: {@code macvm} (Apple silicon) or {@code pvm}; empty when it is
     * neither, which a push refuses.
     */
    public static Optional<String> typeOf(Path bundle) {
        String name = bundle.getFileName() == null ? "" : bundle.getFileName().toString();
        if (name.endsWith(".macvm")) {
            return Optional.of("macvm");
        }
        return name.endsWith(".pvm") ? Optional.of("pvm") : Optional.empty();
    }

    private Packer.Result pack(Path bundle, Steps steps) throws IOException {
        steps.packStarted();
        Packer.Result packed = packer.pack(bundle, chunks, steps);
        steps.packFinished(packed);
        return packed;
    }
}
