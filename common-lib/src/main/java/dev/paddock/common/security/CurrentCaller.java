package dev.paddock.common.security;

import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the caller of the current request. */
public final class CurrentCaller {

    private CurrentCaller() {}

    public static Optional<PaddockAuthentication> authentication() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof PaddockAuthentication paddock ? Optional.of(paddock) : Optional.empty();
    }

    public static Optional<PaddockPrincipal> principal() {
        return authentication().map(PaddockAuthentication::getPrincipal);
    }

    /** The caller; only for code that runs behind authentication. */
    public static PaddockPrincipal require() {
        return principal()
                .orElseThrow(() ->
                        new org.springframework.security.authentication.AuthenticationCredentialsNotFoundException(
                                "no authenticated caller"));
    }
}
