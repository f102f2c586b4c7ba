package dev.paddock.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Set;
import java.util.UUID;

/**
 * Stands in for the orchestrator as token issuer in tests of the other services: signs RS256 tokens shaped like the
 * orchestrator's and publishes the key as JWKS on a loopback port, so the service under test verifies them through its
 * real JWKS code path. Point the service at it with {@code paddock.security.jwt.jwks-uri = tokens.jwksUri()}.
 */
public final class TestTokens implements AutoCloseable {

    public static final String ISSUER = "paddock";

    private final RSAKey key;
    private final HttpServer server;

    private TestTokens(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    /** Generates a key and starts serving it. */
    public static TestTokens start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyID("test-" + UUID.randomUUID())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/api/v1/auth/jwks", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, jwks.length);
                try (OutputStream body = exchange.getResponseBody()) {
                    body.write(jwks);
                }
            });
            server.start();
            return new TestTokens(key, server);
        } catch (JOSEException | IOException e) {
            throw new IllegalStateException("could not start the test token issuer", e);
        }
    }

    /** Where the public key is served. */
    public String jwksUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/auth/jwks";
    }

    /** A token for a user with the given roles and effective claims, valid for 15 minutes. */
    public String issue(String username, Set<String> roles, Set<String> claims) {
        return issue(username, roles, claims, Duration.ofMinutes(15));
    }

    public String issue(String username, Set<String> roles, Set<String> claims, Duration validity) {
        Instant now = Instant.now();
        JWTClaimsSet body = new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .subject("user-" + username)
                .claim("username", username)
                .claim("email", username + "@example.test")
                .claim("roles", new ArrayList<>(roles))
                .claim("claims", new ArrayList<>(claims))
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        try {
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(key.getKeyID())
                            .build(),
                    body);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A token of the SUPER_USER role, which passes every claim check. */
    public String superUser() {
        return issue("root", Set.of("SUPER_USER"), Set.of());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
