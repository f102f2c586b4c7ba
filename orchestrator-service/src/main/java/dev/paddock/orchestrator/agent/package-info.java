/** The typed client the orchestrator calls host agents with (reference host API paths), authenticated with a service token it signs itself. */
@NullMarked
package dev.paddock.orchestrator.agent;

import org.jspecify.annotations.NullMarked;
