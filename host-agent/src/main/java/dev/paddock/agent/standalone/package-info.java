/**
 * Standalone mode, for a single Mac without an orchestrator: the agent is its own token issuer, with a root user and API
 * keys kept in a small owner-only state directory (ADR 0102).
 */
@NullMarked
package dev.paddock.agent.standalone;

import org.jspecify.annotations.NullMarked;
