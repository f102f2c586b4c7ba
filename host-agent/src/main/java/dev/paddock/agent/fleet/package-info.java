/**
 * Fleet membership: enrolling with an orchestrator once (enrollment token → host id and secret, kept owner-only), then
 * heartbeats with digests of the VM list, and VM events as they happen.
 */
@NullMarked
package dev.paddock.agent.fleet;

import org.jspecify.annotations.NullMarked;
