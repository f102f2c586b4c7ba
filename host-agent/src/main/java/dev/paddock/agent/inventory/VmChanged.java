package dev.paddock.agent.inventory;

import dev.paddock.agent.parallels.Vm;
import dev.paddock.contracts.fleet.VmEvent;
import org.jspecify.annotations.Nullable;

/**
 * Something about a VM changed, as the inventory saw it (published as a Spring application event).
 *
 * @param kind what happened
 * @param vmId the VM's id
 * @param before the VM before the change (null when added)
 * @param after the VM after the change (null when removed)
 */
public record VmChanged(
        Kind kind,
        String vmId,
        @Nullable Vm before,
        @Nullable Vm after) {

    public enum Kind {
        ADDED,
        REMOVED,
        STATE_CHANGED,
        UPDATED,
        SNAPSHOTS_CHANGED
    }

    /** The reference's name of this change, as the event hub's clients and the orchestrator know it. */
    public VmEvent.Kind event() {
        return switch (kind) {
            case ADDED -> VmEvent.Kind.VM_ADDED;
            case REMOVED -> VmEvent.Kind.VM_REMOVED;
            case STATE_CHANGED -> VmEvent.Kind.VM_STATE_CHANGED;
            case UPDATED -> VmEvent.Kind.VM_UPDATED;
            case SNAPSHOTS_CHANGED -> VmEvent.Kind.VM_SNAPSHOTS_UPDATED;
        };
    }
}
