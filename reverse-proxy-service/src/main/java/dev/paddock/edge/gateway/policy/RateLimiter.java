package dev.paddock.edge.gateway.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-client-address token buckets: {@code requestsPerSecond} sustained, {@code burst} at once. Buckets of clients
 * quiet for a minute are dropped when the table grows, so a scan of many addresses cannot exhaust memory.
 */
public final class RateLimiter {

    private static final int MAX_CLIENTS = 100_000;

    private final double perNano;
    private final int burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int requestsPerSecond, int burst) {
        this.perNano = requestsPerSecond / 1e9;
        this.burst = burst;
    }

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    boolean tryAcquire(String client) {
        long now = System.nanoTime();
        if (buckets.size() > MAX_CLIENTS) {
            buckets.values().removeIf(bucket -> now - bucket.updated > 60_000_000_000L);
        }
        Bucket bucket = buckets.computeIfAbsent(client, c -> new Bucket(burst, now));
        synchronized (bucket) {
            bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
            bucket.updated = now;
            if (bucket.tokens < 1) {
                return false;
            }
            bucket.tokens -= 1;
            return true;
        }
    }
}
