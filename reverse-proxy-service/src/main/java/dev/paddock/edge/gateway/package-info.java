/**
 * The front door's streaming HTTP/1.1 and TCP proxy on Netty; this package holds what its HTTP and TCP paths share:
 * upstream addresses, keep-alive upstream connections pooled per event loop, and the Host header's hostname.
 */
@NullMarked
package dev.paddock.edge.gateway;

import org.jspecify.annotations.NullMarked;
