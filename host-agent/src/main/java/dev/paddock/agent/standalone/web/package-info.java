/** HTTP API of standalone mode: /api/v1/auth/token, /api/v1/auth/jwks, /api/v1/auth/api_keys. */
@NullMarked
package dev.paddock.agent.standalone.web;

import org.jspecify.annotations.NullMarked;
