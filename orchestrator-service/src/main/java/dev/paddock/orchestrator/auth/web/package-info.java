/** HTTP API of logins, token validation, JWKS and key rotation. */
@NullMarked
package dev.paddock.orchestrator.auth.web;

import org.jspecify.annotations.NullMarked;
