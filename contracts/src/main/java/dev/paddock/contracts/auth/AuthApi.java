package dev.paddock.contracts.auth;

/** The login path: a {@link LoginRequest} in, a {@link LoginResponse} out. */
public final class AuthApi {

    public static final String TOKEN = "/api/v1/auth/token";

    private AuthApi() {}
}
