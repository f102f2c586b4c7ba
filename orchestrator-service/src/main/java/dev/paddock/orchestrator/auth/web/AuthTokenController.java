package dev.paddock.orchestrator.auth.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.auth.AuthApi;
import dev.paddock.contracts.auth.LoginRequest;
import dev.paddock.contracts.auth.LoginResponse;
import dev.paddock.orchestrator.auth.Logins;
import dev.paddock.orchestrator.auth.SigningKeys;
import dev.paddock.orchestrator.auth.SigningKeys.KeyInfo;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.NotBlank;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Authentication")
class AuthTokenController {

    private final Logins logins;
    private final JwtDecoder decoder;
    private final SigningKeys keys;

    AuthTokenController(Logins logins, JwtDecoder decoder, SigningKeys keys) {
        this.logins = logins;
        this.decoder = decoder;
        this.keys = keys;
    }

    record ValidateTokenRequest(@NotBlank String token) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ValidateTokenResponse(
            boolean valid,
            @Nullable Instant expiresAt,
            @Nullable String reason) {}

    @PostMapping(AuthApi.TOKEN)
    @SecurityRequirements
    @Operation(summary = "Log in with username/email and password, or exchange an API key, for a JWT")
    LoginResponse token(@RequestBody LoginRequest request) {
        Logins.Login login;
        if (request.apiKey() != null && !request.apiKey().isBlank()) {
            login = logins.withApiKey(request.apiKey());
        } else {
            String name = Logins.loginName(request.username(), request.email());
            if (name == null || request.password() == null || request.password().isEmpty()) {
                throw ProblemException.badRequest(
                        "missing-credentials", "Send a username (or email) and a password, or an api_key.");
            }
            login = logins.withPassword(name, request.password());
        }
        return new LoginResponse(
                login.account().email(), login.token().token(), login.token().expiresAt());
    }

    @PostMapping("/api/v1/auth/token/validate")
    @SecurityRequirements
    @Operation(summary = "Tell whether a token is valid (signature, issuer, expiry)")
    ValidateTokenResponse validate(@Validated @RequestBody ValidateTokenRequest request) {
        try {
            Jwt jwt = decoder.decode(request.token());
            return new ValidateTokenResponse(true, jwt.getExpiresAt(), null);
        } catch (JwtException e) {
            return new ValidateTokenResponse(false, null, e.getMessage());
        }
    }

    @GetMapping(
            value = {"/api/v1/auth/jwks", "/.well-known/jwks.json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirements
    @Operation(summary = "The public keys that verify Paddock tokens (JWKS)")
    Map<String, Object> jwks() {
        return keys.publicKeys().toJSONObject(true);
    }

    @GetMapping("/api/v1/auth/keys")
    @RequiresClaims(Claims.SUPER_USER)
    @Operation(summary = "Signing keys and their state (Paddock extension)")
    List<KeyInfo> signingKeys() {
        return keys.describe();
    }

    @PostMapping("/api/v1/auth/keys/rotate")
    @RequiresClaims(Claims.SUPER_USER)
    @Operation(summary = "Rotate the signing key; tokens of the old key stay valid until they expire")
    KeyInfo rotate() {
        return keys.rotate();
    }
}
