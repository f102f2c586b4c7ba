/**
 * The reverse-proxy configuration: hosts with HTTP routes or a TCP route, stored in PostgreSQL, managed through the
 * reference's API, and served by every replica from a compiled snapshot it refreshes when the generation changes.
 */
@NullMarked
package dev.paddock.edge.routes;

import org.jspecify.annotations.NullMarked;
