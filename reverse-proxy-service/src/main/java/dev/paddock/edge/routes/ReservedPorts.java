package dev.paddock.edge.routes;

/** What the reverse-proxy rules need to know about the edge's own listeners (the gateway provides it). */
public interface ReservedPorts {

    /** The port of the front door, whose virtual hosts are chosen by hostname. */
    int frontDoor();

    /** True for ports the edge itself uses (front door, TLS, admin API). */
    boolean isReserved(int port);

    /** The address the edge's listeners bind. */
    String bindAddress();

    /** The domain whose subdomains name VMs ({@code <vm>.<domain>}). */
    String vmDomain();
}
