package dev.paddock.orchestrator.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Enrollment tokens and host secrets: random, and stored only as their SHA-256. */
final class HostSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private HostSecrets() {}

    static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares in constant time, so a wrong secret's answer does not tell how much of it was right. */
    static boolean matches(String expectedHash, String secret) {
        return MessageDigest.isEqual(
                expectedHash.getBytes(StandardCharsets.UTF_8), sha256(secret).getBytes(StandardCharsets.UTF_8));
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
