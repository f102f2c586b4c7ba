/** Keeping the fleet current: heartbeats and events pushed by agents, polling of agents that do not push, and the sweep that marks silent hosts unhealthy. */
@NullMarked
package dev.paddock.orchestrator.heartbeat;

import org.jspecify.annotations.NullMarked;
