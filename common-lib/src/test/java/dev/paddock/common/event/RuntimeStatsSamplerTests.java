package dev.paddock.common.event;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.contracts.fleet.RuntimeStats;
import org.junit.jupiter.api.Test;

class RuntimeStatsSamplerTests {

    @Test
    void measuresHeapThreadsAndTheCpuUsedSinceThePreviousSample() {
        RuntimeStatsSampler sampler = new RuntimeStatsSampler();
        RuntimeStats first = sampler.sample();
        assertThat(first.cpuPercent()).as("no previous sample yet").isZero();

        long deadline = System.nanoTime() + 200_000_000L;
        long spin = 0;
        while (System.nanoTime() < deadline) {
            spin += Long.numberOfTrailingZeros(spin + System.nanoTime());
        }
        RuntimeStats second = sampler.sample();

        assertThat(spin).isPositive();
        assertThat(second.cpuPercent()).as("a busy thread for 0.2 s").isGreaterThan(10);
        assertThat(second.cpuUserSeconds()).isGreaterThan(first.cpuUserSeconds());
        assertThat(second.memoryBytes()).isPositive();
        assertThat(second.memoryAllocBytes()).isPositive().isLessThanOrEqualTo(second.memoryBytes() * 2);
        assertThat(second.goroutines()).isPositive();
        assertThat(second.goroutinesSmoothed()).isPositive();
    }
}
