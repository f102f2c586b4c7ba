/** Control plane of a Paddock fleet: identity, hosts, scheduling, VM lifecycle, jobs and events. */
@NullMarked
package dev.paddock.orchestrator;

import org.jspecify.annotations.NullMarked;
