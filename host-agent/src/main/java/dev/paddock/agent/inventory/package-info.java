/**
 * The agent's view of its VMs: an in-memory cache kept current by Parallels' event stream, re-listed on a timer and
 * whenever the stream is lost, with a digest the orchestrator compares to know when to fetch details.
 */
@NullMarked
package dev.paddock.agent.inventory;

import org.jspecify.annotations.NullMarked;
