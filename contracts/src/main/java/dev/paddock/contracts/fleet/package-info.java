/**
 * The orchestrator's fleet API as its callers use it: agents enroll, push heartbeats and relay VM events; the edge asks
 * where a VM's guest ports are reached.
 */
@NullMarked
package dev.paddock.contracts.fleet;

import org.jspecify.annotations.NullMarked;
