package dev.paddock.contracts.auth;

import java.time.Instant;

/** The reference's {@code LoginResponse}: the signed token and when it expires. */
public record LoginResponse(String email, String token, Instant expiresAt) {}
