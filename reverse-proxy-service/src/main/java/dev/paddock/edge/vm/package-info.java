/**
 * Finding VMs for per-VM routes: the edge's own credential, and where a VM lives (its host's agent) as the orchestrator
 * says, remembered briefly.
 */
@NullMarked
package dev.paddock.edge.vm;

import org.jspecify.annotations.NullMarked;
