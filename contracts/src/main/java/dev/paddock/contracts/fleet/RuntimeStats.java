package dev.paddock.contracts.fleet;

/**
 * A service's runtime figures, as the reference's {@code stats} events carry them ({@code StatsMessage} in its
 * {@code serviceprovider/stats}: {@code memory_bytes}, {@code memory_alloc_bytes}, {@code cpu_user_seconds},
 * {@code cpu_system_seconds}, {@code cpu_percent}, {@code goroutines}, {@code goroutines_smoothed}), measured on the
 * JVM: memory is the heap obtained from the system and the heap in use (averaged over the last samples); CPU time is
 * the process's, which the JVM reports as one figure (all of it in {@code cpu_user_seconds}); CPU percent is of one
 * core since the previous sample; "goroutines" are the JVM's live platform threads (virtual threads are not counted).
 */
public record RuntimeStats(
        long memoryBytes,
        long memoryAllocBytes,
        double cpuUserSeconds,
        double cpuSystemSeconds,
        double cpuPercent,
        int goroutines,
        int goroutinesSmoothed) {}
