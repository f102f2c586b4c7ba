/** HTTP API around the event hub: connected clients, stats, unsubscribe. */
@NullMarked
package dev.paddock.orchestrator.event.web;

import org.jspecify.annotations.NullMarked;
