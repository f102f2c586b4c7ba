/**
 * Tunnels to a VM's guest ports through the agent, so the edge reaches services inside VMs while only the agent's port
 * is reachable on a host: a WebSocket at {@code /api/v1/machines/{id}/tunnel/{port}} carries the bytes as binary
 * messages.
 */
@NullMarked
package dev.paddock.agent.tunnel;

import org.jspecify.annotations.NullMarked;
