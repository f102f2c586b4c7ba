/**
 * The reference's machine API as both its servers take it: the agent (one host) and the orchestrator (the fleet) create
 * VMs from the same {@code CreateVirtualMachineRequest} and answer with the same response.
 */
@NullMarked
package dev.paddock.contracts.machine;

import org.jspecify.annotations.NullMarked;
