package dev.paddock.catalog.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.paddock.catalog.CatalogProperties;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;

/** The collector runs every {@code paddock.catalog.gc.interval}, the first time one interval after start. */
class ChunkCollectorScheduleTests {

    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    @EnableConfigurationProperties(CatalogProperties.class)
    static class Scheduling {}

    final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(Scheduling.class, ChunkCollector.Schedule.class)
            .withBean(ChunkCollector.class, () -> mock(ChunkCollector.class));

    @Test
    void collectsHourlyByDefault() {
        context.run(context -> assertThat(collection(context.getBean(ScheduledTaskHolder.class)))
                .satisfies(task -> {
                    assertThat(task.getIntervalDuration()).isEqualTo(Duration.ofHours(1));
                    assertThat(task.getInitialDelayDuration()).isEqualTo(Duration.ofHours(1));
                }));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"15m, PT15M", "90s, PT1M30S", "2d, PT48H"})
    void collectsAtTheConfiguredInterval(String interval, Duration expected) {
        context.withPropertyValues("paddock.catalog.gc.interval=" + interval)
                .run(context -> assertThat(collection(context.getBean(ScheduledTaskHolder.class)))
                        .satisfies(task -> {
                            assertThat(task.getIntervalDuration()).isEqualTo(expected);
                            assertThat(task.getInitialDelayDuration()).isEqualTo(expected);
                        }));
    }

    private static FixedDelayTask collection(ScheduledTaskHolder holder) {
        assertThat(holder.getScheduledTasks()).hasSize(1);
        ScheduledTask task = holder.getScheduledTasks().iterator().next();
        assertThat(task.getTask()).isInstanceOf(FixedDelayTask.class);
        return (FixedDelayTask) task.getTask();
    }
}
