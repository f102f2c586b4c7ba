/** Proving identity: logins, the JWTs the orchestrator signs, its rotating signing keys and their JWKS. */
@NullMarked
package dev.paddock.orchestrator.auth;

import org.jspecify.annotations.NullMarked;
