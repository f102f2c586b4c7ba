/** TCP routes: connections to a reverse-proxy host's own port piped, byte for byte, to a VM's guest port or an address. */
@NullMarked
package dev.paddock.edge.gateway.tcp;

import org.jspecify.annotations.NullMarked;
