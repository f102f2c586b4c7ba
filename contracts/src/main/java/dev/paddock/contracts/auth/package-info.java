/** The reference's login API, served by the orchestrator and by a standalone agent, called by every other service. */
@NullMarked
package dev.paddock.contracts.auth;

import org.jspecify.annotations.NullMarked;
