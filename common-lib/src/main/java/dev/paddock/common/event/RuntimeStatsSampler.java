package dev.paddock.common.event;

import dev.paddock.contracts.fleet.RuntimeStats;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Measures this JVM for the reference's {@code stats} events. CPU percent is the process CPU time used since the
 * previous sample over the wall time since then; heap in use and thread count are also given averaged over the last
 * {@value #WINDOW} samples, as the reference smooths its allocation and goroutine figures.
 */
public final class RuntimeStatsSampler {

    private static final int WINDOW = 10;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final Deque<Long> heapUsed = new ArrayDeque<>();
    private final Deque<Integer> threadCounts = new ArrayDeque<>();
    private long lastCpuNanos = -1;
    private long lastSampleNanos;

    public synchronized RuntimeStats sample() {
        long now = System.nanoTime();
        long cpu = processCpuNanos();
        double percent = lastCpuNanos < 0 || cpu < 0 || now == lastSampleNanos
                ? 0
                : 100.0 * (cpu - lastCpuNanos) / (now - lastSampleNanos);
        lastCpuNanos = cpu;
        lastSampleNanos = now;
        MemoryUsage heap = memory.getHeapMemoryUsage();
        long used = heap.getUsed();
        int live = threads.getThreadCount();
        remember(heapUsed, used);
        remember(threadCounts, live);
        return new RuntimeStats(
                heap.getCommitted(),
                Math.round(
                        heapUsed.stream().mapToLong(Long::longValue).average().orElse(used)),
                cpu < 0 ? 0 : cpu / 1e9,
                0,
                Math.max(0, percent),
                live,
                (int) Math.round(threadCounts.stream()
                        .mapToInt(Integer::intValue)
                        .average()
                        .orElse(live)));
    }

    private static <T> void remember(Deque<T> window, T value) {
        window.addLast(value);
        if (window.size() > WINDOW) {
            window.removeFirst();
        }
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime()
                : -1;
    }
}
