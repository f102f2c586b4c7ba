package dev.paddock.common.security;

import java.util.List;

/** The seeded roles of the reference; operators may define more. */
public final class Roles {

    /** Bypasses every claim and record-level check. */
    public static final String SUPER_USER = "SUPER_USER";

    /** Holds every claim, but record-level role/claim requirements still apply. */
    public static final String ADMIN = "ADMIN";

    /** Default role of new users: read-only views and self-service (see {@link Claims#USER_DEFAULTS}). */
    public static final String USER = "USER";

    public static final List<String> SEEDED = List.of(SUPER_USER, ADMIN, USER);

    /** Spring authority prefix that tells a role apart from a claim. */
    public static final String AUTHORITY_PREFIX = "ROLE_";

    private Roles() {}

    public static String authority(String role) {
        return AUTHORITY_PREFIX + role;
    }
}
