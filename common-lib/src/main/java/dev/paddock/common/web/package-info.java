/** Request ids, the public health probe, OpenAPI and JSON conventions for every service's HTTP surface. */
@NullMarked
package dev.paddock.common.web;

import org.jspecify.annotations.NullMarked;
