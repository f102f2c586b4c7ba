/** The orchestrator's event hub, tailed over its WebSocket. */
@NullMarked
package dev.paddock.cli.events;

import org.jspecify.annotations.NullMarked;
