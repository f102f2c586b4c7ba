package dev.paddock.common.security;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import org.springframework.security.authentication.BadCredentialsException;

/**
 * An API key as clients send it: {@code X-Api-Key: base64(KEY:SECRET)}. Keys are case-insensitive (kept upper-case, as
 * in the reference); secrets are compared only against their stored hash.
 */
public record ApiKeyCredentials(String key, String secret) {

    public static final String HEADER = "X-Api-Key";

    @Override
    public String toString() {
        return "ApiKeyCredentials[key=" + key + "]";
    }

    /** Parses the header value; the message of the failure says what a valid value looks like. */
    public static ApiKeyCredentials parse(String headerValue) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(headerValue.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadCredentialsException("X-Api-Key must be base64 of KEY:SECRET");
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0 || colon == decoded.length() - 1) {
            throw new BadCredentialsException("X-Api-Key must be base64 of KEY:SECRET");
        }
        return new ApiKeyCredentials(
                decoded.substring(0, colon).toUpperCase(Locale.ROOT), decoded.substring(colon + 1));
    }

    public String encoded() {
        return Base64.getEncoder().encodeToString((key + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
