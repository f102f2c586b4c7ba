package dev.paddock.pack;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

/** Chunk compression (zstd) and the verification every chunk passes before its bytes are used or stored. */
public final class Codec {

    /** zstd's default level: within a few percent of level 19's size on disk images, at a fraction of the time. */
    static final int LEVEL = 3;

    private Codec() {}

    public static byte[] compress(byte[] data, int length) {
        byte[] source = length == data.length ? data : java.util.Arrays.copyOf(data, length);
        return Zstd.compress(source, LEVEL);
    }

    /**
     * Decompresses a stored chunk and checks it is exactly what its name promises.
     *
     * @param maxSize the largest content accepted (refuses decompression bombs before allocating)
     * @throws InvalidPackException if the bytes are not zstd, too large, or do not hash to {@code digest}
     */
    public static byte[] open(String digest, byte[] stored, int maxSize) {
        long declared;
        try {
            declared = Zstd.getFrameContentSize(stored);
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
        byte[] content = new byte[(int) declared];
        try {
            long written = Zstd.decompressByteArray(content, 0, content.length, stored, 0, stored.length);
            if (written != declared) {
                throw new InvalidPackException("chunk " + digest + " is truncated");
            }
        } catch (ZstdException e) {
            throw new InvalidPackException("chunk " + digest + " is corrupted: " + e.getMessage(), e);
        }
        String actual = Digests.sha256(content, 0, content.length);
        if (!actual.equals(digest)) {
            throw new InvalidPackException(
                    "chunk " + digest + " has the wrong content (its SHA-256 is " + actual + ")");
        }
        return content;
    }
}
