/** The hosts of the fleet, in three rooms with one facade each: joining by enrollment token ({@code HostEnrollment}), the registry of host records, views and row locks ({@code Hosts}), and health from heartbeats and polls ({@code HostHealth}); owns the tables {@code hosts}, {@code enrollment_tokens} and {@code host_cache_items}. */
@NullMarked
package dev.paddock.orchestrator.host;

import org.jspecify.annotations.NullMarked;
