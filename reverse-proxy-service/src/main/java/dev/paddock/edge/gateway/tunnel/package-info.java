/** Tunnels to a VM's guest port through its host's agent: the hand-written WebSocket handshake and binary framing. */
@NullMarked
package dev.paddock.edge.gateway.tunnel;

import org.jspecify.annotations.NullMarked;
