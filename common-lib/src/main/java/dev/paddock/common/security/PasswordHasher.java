package dev.paddock.common.security;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Hashes and checks passwords and API-key secrets with bcrypt. bcrypt reads at most 72 bytes, which is why the
 * password policy caps length at 40 characters (as the reference does).
 */
public final class PasswordHasher {

    /** A hash of a random value, checked against when a user does not exist so that timing does not reveal it. */
    private final String decoy;

    private final BCryptPasswordEncoder encoder;

    public PasswordHasher(int strength) {
        this.encoder = new BCryptPasswordEncoder(strength);
        this.decoy = encoder.encode(java.util.UUID.randomUUID().toString());
    }

    public String hash(String secret) {
        return encoder.encode(secret);
    }

    public boolean matches(String secret, String hash) {
        return encoder.matches(secret, hash);
    }

    /** Spends the time a real check would, for a caller that does not exist. */
    public void burnDecoyCheck(String secret) {
        encoder.matches(secret, decoy);
    }
}
