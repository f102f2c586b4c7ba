package dev.paddock.agent.standalone.web;

import dev.paddock.agent.standalone.LocalAccounts;
import dev.paddock.agent.standalone.LocalAccounts.CreatedKey;
import dev.paddock.agent.standalone.LocalAccounts.IssuedToken;
import dev.paddock.agent.standalone.LocalAccounts.StoredKey;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.ApiKeyCredentials;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.auth.AuthApi;
import dev.paddock.contracts.auth.LoginRequest;
import dev.paddock.contracts.auth.LoginResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The reference's login and API-key endpoints, served by a standalone agent for its root user. */
@RestController
@ConditionalOnProperty(name = "paddock.agent.standalone.enabled", havingValue = "true")
@Tag(name = "Authentication (standalone)")
class StandaloneAuthController {

    private final LocalAccounts accounts;

    StandaloneAuthController(LocalAccounts accounts) {
        this.accounts = accounts;
    }

    record CreateKey(@NotBlank @Size(max = 100) String name) {}

    record KeyView(String id, String name, String key, Instant createdAt, boolean revoked) {}

    @PostMapping(AuthApi.TOKEN)
    @SecurityRequirements
    @Operation(summary = "Log in as root with a password, or exchange an API key, for a token")
    LoginResponse token(@RequestBody LoginRequest request) {
        IssuedToken token;
        if (request.apiKey() != null && !request.apiKey().isBlank()) {
            try {
                token = accounts.loginWithKey(ApiKeyCredentials.parse(request.apiKey()));
            } catch (AuthenticationException e) {
                throw new ProblemException(
                        HttpStatus.UNAUTHORIZED, "invalid-api-key", "Invalid API key", e.getMessage());
            }
        } else {
            String user = request.username() != null
                    ? request.username()
                    : "root@localhost".equals(request.email()) ? "root" : request.email();
            if (user == null || request.password() == null) {
                throw ProblemException.badRequest(
                        "missing-credentials", "Send a username and a password, or an api_key.");
            }
            token = accounts.loginRoot(user, request.password());
        }
        return new LoginResponse("root@localhost", token.token(), token.expiresAt());
    }

    @GetMapping(value = "/api/v1/auth/jwks", produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    Map<String, Object> jwks() {
        return accounts.publicKeys().toJSONObject(true);
    }

    @GetMapping("/api/v1/auth/api_keys")
    @RequiresClaims(Claims.SUPER_USER)
    List<KeyView> keys() {
        return accounts.keys().stream().map(StandaloneAuthController::view).toList();
    }

    @PostMapping("/api/v1/auth/api_keys")
    @RequiresClaims(Claims.SUPER_USER)
    @Operation(summary = "Create an API key acting as root; 'encoded' is shown only in this answer")
    CreatedKey createKey(@Valid @RequestBody CreateKey request) {
        return accounts.createKey(request.name());
    }

    @DeleteMapping("/api/v1/auth/api_keys/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.SUPER_USER)
    void deleteKey(@PathVariable String id) {
        accounts.deleteKey(id);
    }

    private static KeyView view(StoredKey key) {
        return new KeyView(key.id(), key.name(), key.key(), key.createdAt(), key.revoked());
    }
}
