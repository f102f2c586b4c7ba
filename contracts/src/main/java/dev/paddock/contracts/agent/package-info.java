/** The host agent's API as its callers (the orchestrator, the CLI) use it: paths, requests and answers. */
@NullMarked
package dev.paddock.contracts.agent;

import org.jspecify.annotations.NullMarked;
