package dev.paddock.edge.gateway;

import java.net.URI;

/** A service the front door forwards to. */
record Upstream(String name, String host, int port) {

    static Upstream of(String name, URI uri) {
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
        return new Upstream(name, uri.getHost(), port);
    }

    String authority() {
        return host + ":" + port;
    }
}
