package dev.paddock.cli.events;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.output.OutputFormat;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/**
 * {@code paddock events}: prints the hub's events as they happen, one line each (or one JSON document a line with
 * {@code -o json}). Runs until interrupted, or until {@code --count} events or {@code --timeout} seconds for scripts.
 */
@Command(name = "events", description = "Tail the orchestrator's events (VM state, hosts, jobs…) as they happen.")
public final class EventsCommand extends BaseCommand {

    @Option(
            names = {"-c", "--channel"},
            split = ",",
            description = "Channels besides 'global': orchestrator, pdfm, job_manager, health, stats, auth…")
    List<String> channels = new ArrayList<>();

    @Option(
            names = {"-e", "--event"},
            split = ",",
            description = "Show only these events (e.g. HOST_VM_STATE_CHANGED); the server's welcome is always shown.")
    List<String> events = new ArrayList<>();

    @Option(names = "--count", description = "Stop after this many messages (the first is the server's welcome).")
    int count;

    @Option(names = "--timeout", description = "Stop after this many seconds.")
    long timeoutSeconds;

    EventsCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run() {
        CountDownLatch ended = new CountDownLatch(1);
        AtomicInteger printed = new AtomicInteger();
        String query = channels.isEmpty()
                ? ""
                : "?event_types=" + URLEncoder.encode(String.join(",", channels), StandardCharsets.UTF_8);
        WebSocket socket = api().openWebSocket("/api/v1/ws/subscribe" + query, new WebSocket.Listener() {
            private final StringBuilder message = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                message.append(data);
                if (last) {
                    JsonNode event = PaddockApi.JSON.readTree(message.toString());
                    if (wanted(event)) {
                        show(message.toString(), event);
                        if (count > 0 && printed.incrementAndGet() >= count) {
                            ended.countDown();
                        }
                    }
                    message.setLength(0);
                }
                webSocket.request(1);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                env.err().println("paddock: the server closed the event stream (" + statusCode + " " + reason + ").");
                ended.countDown();
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                env.err().println("paddock: the event stream broke: " + error.getMessage());
                ended.countDown();
            }
        });
        try {
            if (timeoutSeconds > 0) {
                ended.await(timeoutSeconds, TimeUnit.SECONDS);
            } else {
                ended.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILURE, "Interrupted.");
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }

    /** The welcome (on {@code global}) always; anything else if no {@code --event} is given or it names this one. */
    private boolean wanted(JsonNode event) {
        return events.isEmpty()
                || event.path("event_type").asString("").equals("global")
                || events.contains(event.path("message").asString(""));
    }

    private synchronized void show(String text, JsonNode event) {
        if (global.output() != OutputFormat.TABLE) {
            env.out().println(text);
        } else {
            env.out()
                    .printf(
                            "%s  %-12s  %s%s%n",
                            event.path("timestamp").asString(""),
                            event.path("event_type").asString(""),
                            event.path("message").asString(""),
                            event.path("body").isMissingNode()
                                            || event.path("body").isNull()
                                    ? ""
                                    : "  " + event.path("body"));
        }
        env.out().flush();
    }
}
