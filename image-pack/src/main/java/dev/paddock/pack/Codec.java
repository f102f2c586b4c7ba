package dev.paddock.pack;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/** Chunk compression (zstd) and the verification every chunk passes before its bytes are used or stored. */
public final class Codec {

    /** zstd's default level: within a few percent of level 19's size on disk images, at a fraction of the time. */
    static final int LEVEL = 3;

    private Codec() {}

    /**
     * Scratch buffers per thread for {@link #compressInto} and {@link #verify}. Chunks are megabytes; allocating fresh
     * arrays for each made a fresh JVM with a large heap spend most of a push touching new memory (measured: a 1 GiB
     * push took 20 s in a new JVM with the default heap, 4 s with buffers that are reused).
     */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

    public static byte[] compress(byte[] data, int length) {
        return Zstd.compress(java.util.Arrays.copyOf(data, length), LEVEL);
    }

    /**
     * Compresses into {@code out} (at least {@link #maxCompressedSize} of the length long) and answers the compressed
     * length; nothing is allocated.
     */
    public static int compressInto(byte[] data, int length, byte[] out) {
        long written = Zstd.compressByteArray(out, 0, out.length, data, 0, length, LEVEL);
        if (Zstd.isError(written)) {
            throw new IllegalStateException("zstd could not compress a chunk: " + Zstd.getErrorName(written));
        }
        return (int) written;
    }

    public static int maxCompressedSize(int length) {
        return (int) Zstd.compressBound(length);
    }

    /**
     * Decompresses a stored chunk and checks it is exactly what its name promises.
     *
     * @param maxSize the largest content accepted (refuses decompression bombs before allocating)
     * @throws InvalidPackException if the bytes are not zstd, too large, or do not hash to {@code digest}
     */
    public static byte[] open(String digest, byte[] stored, int maxSize) {
        byte[] content = new byte[declaredSize(digest, stored, stored.length, maxSize)];
        check(digest, stored, stored.length, content, content.length);
        return content;
    }

    /**
     * Like {@link #open}, decompressing into {@code into} (a buffer the caller reuses); answers the content's length.
     */
    public static int openInto(String digest, byte[] stored, byte[] into) {
        int declared = declaredSize(digest, stored, stored.length, into.length);
        check(digest, stored, stored.length, into, declared);
        return declared;
    }

    /**
     * Checks a stored chunk (the first {@code length} bytes of {@code stored}) like {@link #open}, decompressing into
     * a buffer this thread reuses.
     */
    public static void verify(String digest, byte[] stored, int length, int maxSize) {
        int declared = declaredSize(digest, stored, length, maxSize);
        byte[] scratch = SCRATCH.get();
        if (scratch.length < declared) {
            scratch = new byte[declared];
            SCRATCH.set(scratch);
        }
        check(digest, stored, length, scratch, declared);
    }

    private static int declaredSize(String digest, byte[] stored, int length, int maxSize) {
        long declared;
        try {
            declared = Zstd.getFrameContentSize(stored, 0, length);
        } catch (RuntimeException e) {
            throw new InvalidPackException("chunk " + digest + " is not zstd data", e);
        }
        if (declared < 0) {
            throw new InvalidPackException("chunk " + digest + " is not zstd data with its content size");
        }
        if (declared > maxSize) {
            throw new InvalidPackException(
                    "chunk " + digest + " declares " + declared + " bytes of content (at most " + maxSize + ")");
        }
        return (int) declared;
    }

    private static void check(String digest, byte[] stored, int length, byte[] content, int declared) {
        try {
            long written = Zstd.decompressByteArray(content, 0, declared, stored, 0, length);
            if (written != declared) {
                throw new InvalidPackException("chunk " + digest + " is truncated");
            }
        } catch (ZstdException e) {
            throw new InvalidPackException("chunk " + digest + " is corrupted: " + e.getMessage(), e);
        }
        String actual = Digests.sha256(content, 0, declared);
        if (!actual.equals(digest)) {
            throw new InvalidPackException(
                    "chunk " + digest + " has the wrong content (its SHA-256 is " + actual + ")");
        }
    }
}
