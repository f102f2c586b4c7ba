/** The event envelope of the reference's WebSocket hub, shared by every service that streams events. */
@NullMarked
package dev.paddock.common.event;

import org.jspecify.annotations.NullMarked;
