/** The reverse-proxy API over HTTP. */
@NullMarked
package dev.paddock.edge.routes.web;

import org.jspecify.annotations.NullMarked;
