package dev.paddock.contracts.fleet;

/** One VM changed on a host: the agent relays what Parallels Desktop's event stream said, at once. */
public record VmEvent(Kind event, String vmId) {

    /** The reference's event names ({@code pdfm} events of its event hub). */
    public enum Kind {
        VM_ADDED,
        VM_REMOVED,
        VM_STATE_CHANGED,
        VM_UPDATED,
        VM_SNAPSHOTS_UPDATED
    }
}
