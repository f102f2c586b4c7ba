/** Typed REST clients between services that forward the caller's identity, request id and trace context. */
@NullMarked
package dev.paddock.common.client;

import org.jspecify.annotations.NullMarked;
