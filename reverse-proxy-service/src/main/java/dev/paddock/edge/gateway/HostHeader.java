package dev.paddock.edge.gateway;

import java.util.Locale;

/** The hostname a request names in its {@code Host} header. */
public final class HostHeader {

    private HostHeader() {}

    /** The Host header without its port, lower-cased (IPv6 literals keep their brackets). */
    public static String hostnameOf(String hostHeader) {
        String host = hostHeader.trim();
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            host = host.substring(0, colon);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return host.toLowerCase(Locale.ROOT);
    }
}
