/**
 * The agent's WebSocket event hub ({@code /api/v1/ws/subscribe}), compatible with the reference's {@code pdfm} channel:
 * VM added, removed, state changed, updated and snapshot events as they happen.
 */
@NullMarked
package dev.paddock.agent.events;

import org.jspecify.annotations.NullMarked;
