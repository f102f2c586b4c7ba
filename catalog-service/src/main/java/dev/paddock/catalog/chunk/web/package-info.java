/** HTTP API of the chunk store: which chunks are missing, upload one, download one. */
@NullMarked
package dev.paddock.catalog.chunk.web;

import org.jspecify.annotations.NullMarked;
