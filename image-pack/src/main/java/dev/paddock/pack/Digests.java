package dev.paddock.pack;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 names of chunk contents. */
public final class Digests {

    private static final Pattern SHA256 = Pattern.compile("^[0-9a-f]{64}$");

    private Digests() {}

    public static boolean isSha256(String value) {
        return value != null && SHA256.matcher(value).matches();
    }

    public static String sha256(byte[] data, int offset, int length) {
        MessageDigest digest = newSha256();
        digest.update(data, offset, length);
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
