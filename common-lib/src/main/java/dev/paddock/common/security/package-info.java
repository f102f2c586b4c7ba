/** Authentication (JWT from the orchestrator, API keys) and claim-based authorization shared by every service. */
@NullMarked
package dev.paddock.common.security;

import org.jspecify.annotations.NullMarked;
