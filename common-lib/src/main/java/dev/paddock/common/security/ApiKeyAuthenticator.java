package dev.paddock.common.security;

import org.springframework.security.core.AuthenticationException;

/**
 * Proves an API key. The orchestrator checks keys against its database; other services exchange them with the
 * orchestrator for a token ({@link TokenExchangeApiKeyAuthenticator}). Either way a key acts with its owner's effective
 * claims, never more.
 */
@FunctionalInterface
public interface ApiKeyAuthenticator {

    /** @throws AuthenticationException when the key is unknown, revoked, expired or its secret is wrong */
    PaddockAuthentication authenticate(ApiKeyCredentials credentials);
}
