package dev.paddock.devsuite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Chromium (Debian's package) driven headless over the DevTools protocol: navigate, evaluate JavaScript in the
 * page, type text as a keyboard would. Enough to use a web page as a person does, without a WebDriver dependency.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket page) {
        this.process = process;
        this.page = page;
    }

    /** The browser's executable, or null when none is installed. */
    static Path executable() {
        for (String candidate :
                new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"}) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    static HeadlessChromium start(Path profile) throws Exception {
        Path browser = executable();
        if (browser == null) {
            throw new IllegalStateException("Chromium is not installed: apt-get install chromium");
        }
        Process process = new ProcessBuilder(
                        browser.toString(),
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--no-first-run",
                        "--remote-debugging-port=0",
                        "--user-data-dir=" + profile,
                        "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID" on stderr when ready.
        BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        URI browserEndpoint = null;
        while ((line = err.readLine()) != null) {
            int at = line.indexOf("ws://");
            if (line.startsWith("DevTools listening on") && at >= 0) {
                browserEndpoint = URI.create(line.substring(at).trim());
                break;
            }
        }
        if (browserEndpoint == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium exited before opening its DevTools port");
        }
        Thread.ofVirtual().start(() -> drain(err));
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(
                        HttpRequest.newBuilder(URI.create("http://" + browserEndpoint.getAuthority() + "/json/list"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        String pageEndpoint = null;
        for (JsonNode target : JSON.readTree(list)) {
            if (target.path("type").asString().equals("page")) {
                pageEndpoint = target.path("webSocketDebuggerUrl").asString();
                break;
            }
        }
        if (pageEndpoint == null) {
            process.destroyForcibly();
            throw new IllegalStateException("Chromium has no page to drive: " + list);
        }
        HeadlessChromium[] self = new HeadlessChromium[1];
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(pageEndpoint), new WebSocket.Listener() {
                    private final StringBuilder message = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        message.append(data);
                        if (last) {
                            self[0].answer(JSON.readTree(message.toString()));
                            message.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .get(30, TimeUnit.SECONDS);
        self[0] = new HeadlessChromium(process, socket);
        return self[0];
    }

    private static void drain(BufferedReader err) {
        try {
            while (err.readLine() != null) {
                // Chromium's own chatter; read so it never blocks on a full pipe
            }
        } catch (IOException ignored) {
            // the browser went away
        }
    }

    private void answer(JsonNode message) {
        if (message.has("id")) {
            CompletableFuture<JsonNode> waiting =
                    pending.remove(message.path("id").asInt());
            if (waiting != null) {
                waiting.complete(message);
            }
        }
    }

    /** Sends one DevTools command and waits for its answer. */
    JsonNode send(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        page.sendText(JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params)), true)
                .join();
        JsonNode result = answer.get(60, TimeUnit.SECONDS);
        if (result.has("error")) {
            throw new IllegalStateException(method + " failed: " + result.path("error"));
        }
        return result.path("result");
    }

    void navigate(String url) throws Exception {
        send("Page.navigate", Map.of("url", url));
    }

    /** Evaluates JavaScript in the page (promises awaited) and answers its value as text. */
    String evaluate(String expression) throws Exception {
        JsonNode result =
                send("Runtime.evaluate", Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("script failed: " + result.path("exceptionDetails"));
        }
        return result.path("result").path("value").asString("");
    }

    /** Waits until the expression is truthy in the page. */
    void waitFor(String expression, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (evaluate("Boolean(" + expression + ")").equals("true")) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Types text into the focused element as keystrokes would. */
    void type(String text) throws Exception {
        send("Input.insertText", Map.of("text", text));
    }

    /**
     * Ends Chromium and every process it started, and waits until they are gone: a renderer or helper still writing
     * into the profile after the browser exits made the profile folder's clean-up fail now and then.
     */
    @Override
    public void close() {
        page.abort();
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle member : family) {
            try {
                member.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                member.destroyForcibly();
            }
        }
    }
}
