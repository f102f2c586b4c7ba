/** The event hub: WebSocket subscribers on every replica receive every event, fanned out through PostgreSQL LISTEN/NOTIFY. */
@NullMarked
package dev.paddock.orchestrator.event;

import org.jspecify.annotations.NullMarked;
