/** Who may use a reverse-proxy route: Paddock tokens and API keys checked at the edge, never passed on to VMs. */
@NullMarked
package dev.paddock.edge.access;

import org.jspecify.annotations.NullMarked;
