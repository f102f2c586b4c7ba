/**
 * The edge's listeners: the front door (HTTP, HTTPS from reloadable PEM files, or redirects) and the reverse-proxy
 * hosts' own ports, on shared Netty event loops.
 */
@NullMarked
package dev.paddock.edge.gateway.listen;

import org.jspecify.annotations.NullMarked;
