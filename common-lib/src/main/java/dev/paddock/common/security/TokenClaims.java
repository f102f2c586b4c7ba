package dev.paddock.common.security;

/** Names of the claims inside a Paddock JWT (JWT claims, not permission claims). */
public final class TokenClaims {

    public static final String USERNAME = "username";
    public static final String EMAIL = "email";
    public static final String ROLES = "roles";
    public static final String CLAIMS = "claims";
    public static final String API_KEY_ID = "api_key_id";

    /** Issuer of every token the orchestrator signs unless configured otherwise. */
    public static final String DEFAULT_ISSUER = "paddock";

    private TokenClaims() {}
}
