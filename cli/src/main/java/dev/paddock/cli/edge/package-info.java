/** Commands for the edge: reverse-proxy routes to VMs. */
@NullMarked
package dev.paddock.cli.edge;

import org.jspecify.annotations.NullMarked;
