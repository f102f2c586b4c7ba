package dev.paddock.common.security;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Names of the claims inside a Paddock JWT (JWT claims, not permission claims). */
public final class TokenClaims {

    /** The user's id, as the reference's clients read it (the same value as {@code sub}). */
    public static final String UID = "uid";

    public static final String USERNAME = "username";
    public static final String EMAIL = "email";
    public static final String ROLES = "roles";
    public static final String CLAIMS = "claims";
    public static final String API_KEY_ID = "api_key_id";

    /** Issuer of every token the orchestrator signs unless configured otherwise. */
    public static final String DEFAULT_ISSUER = "paddock";

    private TokenClaims() {}

    /**
     * What a token lists in {@code claims}: the user's effective claims (direct and from roles), and for a super user
     * every claim there is. Paddock's checks let a super user through by role alone, but the reference's clients (its
     * web UI) switch pages and menus on by the names in the token, as the reference issues them.
     */
    public static List<String> listed(boolean superUser, Collection<String> effectiveClaims) {
        Set<String> listed = new TreeSet<>(effectiveClaims);
        if (superUser) {
            Claims.ALL.forEach(claim -> listed.add(claim.name()));
        }
        return List.copyOf(listed);
    }
}
