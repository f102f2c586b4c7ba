/** The host's catalog endpoints: push, pull (sync and as jobs) and the pack cache. */
@NullMarked
package dev.paddock.agent.catalog.web;

import org.jspecify.annotations.NullMarked;
