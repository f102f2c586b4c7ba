package dev.paddock.edge.gateway.http;

/**
 * Checks a request target's percent-encoding before it is routed or relayed: the services' servlet container refuses
 * a malformed one ({@code %ZZ}, a lone {@code %}) in its HTTP parser with a bare 400 no Paddock code can shape, so the
 * edge refuses it first, as a problem.
 */
final class PercentEncoding {

    private PercentEncoding() {}

    /** The index of the first {@code %} not followed by two hex digits, or -1 when every escape is well formed. */
    static int firstMalformed(String target) {
        for (int i = target.indexOf('%'); i >= 0; i = target.indexOf('%', i + 1)) {
            if (i + 2 >= target.length() || !isHex(target.charAt(i + 1)) || !isHex(target.charAt(i + 2))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
