package dev.paddock.common.logs;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.LoggingEvent;
import dev.paddock.common.logs.RecentLogs.Follower;
import dev.paddock.common.web.RequestIds;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RecentLogsTests {

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.paddock.example.VmCreation");

    @Test
    void keepsOnlyTheLastLinesOldestFirst() {
        RecentLogs logs = new RecentLogs(3);
        for (int i = 1; i <= 5; i++) {
            logs.append(event("line {}", i));
        }

        assertThat(logs.last(10)).hasSize(3);
        assertThat(logs.last(10).getFirst()).endsWith("VmCreation: line 3");
        assertThat(logs.last(2))
                .satisfiesExactly(
                        first -> assertThat(first).endsWith("line 4"),
                        last -> assertThat(last).endsWith("line 5"));
    }

    @Test
    void aLineCarriesTimeLevelRequestIdAndTheFailure() {
        LoggingEvent event = event(Map.of(RequestIds.MDC_KEY, "req-42"), "could not reach {}", "mac-1");
        event.setThrowableProxy(new ch.qos.logback.classic.spi.ThrowableProxy(new IllegalStateException("timeout")));

        assertThat(RecentLogs.format(event))
                .matches("\\d{4}-\\d\\d-\\d\\dT[^ ]+Z WARN \\[req-42] VmCreation: could not reach mac-1"
                        + " \\(java.lang.IllegalStateException: timeout\\)");
    }

    @Test
    void aFollowerGetsNewLinesAndCountsWhatItWasTooSlowToTake() throws Exception {
        RecentLogs logs = new RecentLogs(10);
        logs.append(event("before"));
        try (Follower follower = logs.follow()) {
            logs.append(event("after"));
            assertThat(follower.next(1000)).endsWith("after");
            assertThat(follower.next(10)).isNull();

            for (int i = 0; i < 1005; i++) {
                logs.append(event("flood {}", i));
            }
            assertThat(follower.dropped()).isEqualTo(5);
        }
        logs.append(event("unfollowed"));
        assertThat(logs.last(1).getFirst()).endsWith("unfollowed");
    }

    private LoggingEvent event(String message, Object... arguments) {
        return event(Map.of(), message, arguments);
    }

    private LoggingEvent event(Map<String, String> mdc, String message, Object... arguments) {
        LoggingEvent event = new LoggingEvent(
                Logger.class.getName(),
                logger,
                message.startsWith("could") ? Level.WARN : Level.INFO,
                message,
                null,
                arguments);
        event.setMDCPropertyMap(mdc);
        return event;
    }
}
