/** Placing new VMs: filters with reasons, cache and policy preferences, atomic capacity reservations in PostgreSQL, failover to the next host. */
@NullMarked
package dev.paddock.orchestrator.scheduling;

import org.jspecify.annotations.NullMarked;
