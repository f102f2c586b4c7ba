/** The fleet's VMs as the orchestrator knows them, and VM operations forwarded to the owning host's agent. */
@NullMarked
package dev.paddock.orchestrator.vm;

import org.jspecify.annotations.NullMarked;
