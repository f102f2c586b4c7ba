package dev.paddock.orchestrator.auth;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.orchestrator.apikey.ApiKeys;
import dev.paddock.orchestrator.apikey.ApiKeys.VerifiedKey;
import dev.paddock.orchestrator.identity.Accounts;
import dev.paddock.orchestrator.identity.UserAccount;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;

/** {@code POST /auth/token}: a password login or an API key, exchanged for a token. */
@Service
public class Logins {

    private final Accounts accounts;
    private final ApiKeys apiKeys;
    private final TokenIssuer tokens;

    Logins(Accounts accounts, ApiKeys apiKeys, TokenIssuer tokens) {
        this.accounts = accounts;
        this.apiKeys = apiKeys;
        this.tokens = tokens;
    }

    /** What a successful login answers. */
    public record Login(UserAccount account, IssuedToken token) {}

    public Login withPassword(String login, String password) {
        UserAccount account = accounts.authenticate(login, password);
        return new Login(account, tokens.issue(account, null));
    }

    /** @param encodedKey the {@code X-Api-Key} value: base64 of {@code KEY:SECRET} */
    public Login withApiKey(String encodedKey) {
        try {
            VerifiedKey verified = apiKeys.verify(ApiKeyCredentials.parse(encodedKey));
            return new Login(verified.owner(), tokens.issue(verified.owner(), verified.keyId()));
        } catch (AuthenticationException e) {
            throw new ProblemException(
                    HttpStatus.UNAUTHORIZED,
                    "invalid-api-key",
                    "Invalid API key",
                    "The API key was not accepted: " + e.getMessage());
        }
    }

    /** Parses the login part of a request that may name a user by username or email. */
    public static @Nullable String loginName(@Nullable String username, @Nullable String email) {
        if (username != null && !username.isBlank()) {
            return username;
        }
        return email != null && !email.isBlank() ? email : null;
    }
}
