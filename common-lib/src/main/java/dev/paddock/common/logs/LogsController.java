package dev.paddock.common.logs;

import dev.paddock.common.logs.RecentLogs.Follower;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.contracts.agent.AgentApi;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** This service's log for super users: the recent lines, or the recent lines and then every new one as it is logged. */
@RestController
@Tag(name = "Logs")
class LogsController {

    /** A follower who stays longer than this reconnects; nothing is held open forever. */
    private static final Duration LONGEST_STREAM = Duration.ofHours(1);

    private static final long KEEPALIVE_MILLIS = 15_000;

    private final RecentLogs logs;

    LogsController(RecentLogs logs) {
        this.logs = logs;
    }

    @GetMapping(value = AgentApi.LOGS, produces = MediaType.TEXT_PLAIN_VALUE)
    @RequiresClaims(Claims.SUPER_USER)
    @Operation(summary = "This service's most recent log lines (at most 500), oldest first")
    String recent(@RequestParam(defaultValue = "500") int lines) {
        return String.join("\n", logs.last(Math.clamp(lines, 1, 500))) + "\n";
    }

    @GetMapping(value = AgentApi.LOGS + "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @RequiresClaims(Claims.SUPER_USER)
    @Operation(
            summary = "Server-sent events: the last 100 lines, then each new line as it is logged (for up to an hour)")
    SseEmitter stream() {
        SseEmitter emitter = new SseEmitter(LONGEST_STREAM.toMillis());
        Follower follower = logs.follow();
        emitter.onCompletion(follower::close);
        emitter.onTimeout(follower::close);
        emitter.onError(error -> follower.close());
        Thread.ofVirtual().name("logs-stream").start(() -> relay(emitter, follower));
        return emitter;
    }

    private void relay(SseEmitter emitter, Follower follower) {
        try (follower) {
            for (String line : logs.last(100)) {
                emitter.send(SseEmitter.event().data(line));
            }
            long reported = 0;
            while (!Thread.currentThread().isInterrupted()) {
                String line = follower.next(KEEPALIVE_MILLIS);
                if (follower.dropped() > reported) {
                    emitter.send(SseEmitter.event()
                            .name("dropped")
                            .data((follower.dropped() - reported) + " lines were dropped: this reader was too slow"));
                    reported = follower.dropped();
                }
                // A comment when nothing was logged: a reader that went away shows up as a failed write.
                emitter.send(
                        line == null
                                ? SseEmitter.event().comment("keep-alive")
                                : SseEmitter.event().data(line));
            }
        } catch (IOException | IllegalStateException e) {
            // The reader went away or the stream timed out: nothing to do but stop following.
            emitter.completeWithError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
    }
}
