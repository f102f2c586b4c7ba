package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A web client on another origin, as the reference's web UI is when a developer serves it: a page from
 * {@code http://127.0.0.1:<port>} in a real headless Chromium logs in through the edge (cross-origin, so the browser
 * sends preflights and checks the edge's CORS answers), lists what the UI's pages list with the token, and subscribes
 * over the WebSocket with the token in the query, as browsers must, to the events its dashboard graphs: the service's
 * runtime figures and each host's.
 */
@ResourceLock(SharedSuite.LOCK)
class CrossOriginBrowserIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The lists the reference's web UI shows, by the path it reads each from. */
    private static final Map<String, String> PAGES = Map.ofEntries(
            Map.entry("hosts", "/api/v1/orchestrator/hosts"),
            Map.entry("vms", "/api/v1/machines"),
            Map.entry("catalog", "/api/v1/catalog"),
            Map.entry("users", "/api/v1/auth/users"),
            Map.entry("roles", "/api/v1/auth/roles"),
            Map.entry("claims", "/api/v1/auth/claims"),
            Map.entry("api_keys", "/api/v1/auth/api_keys"),
            Map.entry("cache", "/api/v1/cache"),
            Map.entry("jobs", "/api/v1/jobs"),
            Map.entry("hardware", "/api/v1/config/hardware"),
            Map.entry("settings", "/api/v1/user/configs"));

    @TempDir
    Path profile;

    @Test
    void aPageOnAnotherOriginLogsInListsEverythingAndFollowsTheDashboardsEvents() throws Exception {
        LocalSuite suite = SharedSuite.get();
        HttpServer origin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        origin.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>another origin</title><p>client</p>".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        origin.start();
        try (HeadlessChromium chromium = HeadlessChromium.start(profile)) {
            chromium.navigate("http://127.0.0.1:" + origin.getAddress().getPort() + "/");
            chromium.waitFor("document.title === 'another origin'", "the page", Duration.ofSeconds(30));

            JsonNode result = JSON.readTree(chromium.evaluate(script(suite.edgeUrl(), suite.rootPassword())));

            assertThat(result.path("login").asInt()).as(result.toString()).isEqualTo(200);
            assertThat(result.path("token_has_uid").asBoolean())
                    .as(result.toString())
                    .isTrue();
            for (String page : PAGES.keySet()) {
                assertThat(result.path(page).asInt()).as("%s: %s", page, result).isEqualTo(200);
            }
            assertThat(result.path("modules").asString()).contains("orchestrator");
            assertThat(result.path("events").asString())
                    .as(result.toString())
                    .startsWith("open")
                    .contains("stats", "host")
                    .doesNotContain("timeout", "error");
        } finally {
            origin.stop(0);
        }
    }

    /** The client: login, one read per page, and a WebSocket subscription; answers a JSON summary. */
    private static String script(String edge, String rootPassword) throws Exception {
        return """
                (async () => {
                  const edge = %s;
                  const out = {};
                  const login = await fetch(edge + '/api/v1/auth/token', {
                    method: 'POST',
                    headers: {'content-type': 'application/json', 'x-source-id': 'paddock-test'},
                    body: JSON.stringify({email: 'root', password: %s})
                  });
                  out.login = login.status;
                  const token = (await login.json()).token;
                  out.token_has_uid = 'uid' in JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
                  for (const [name, path] of Object.entries(%s)) {
                    const answer = await fetch(edge + path, {headers: {authorization: 'Bearer ' + token}});
                    out[name] = answer.status;
                    if (name === 'hardware') {
                      out.modules = ((await answer.json()).enabled_modules || []).join(',');
                    }
                  }
                  // The dashboard's graphs: this service's "System Stats" and each host's HOST_STATS_UPDATE.
                  out.events = await new Promise(resolve => {
                    const seen = [];
                    const socket = new WebSocket(edge.replace(/^http/, 'ws')
                        + '/api/v1/ws/subscribe?event_types=stats,orchestrator&authorization='
                        + encodeURIComponent(token));
                    socket.onopen = () => seen.push('open');
                    socket.onmessage = message => {
                      const event = JSON.parse(message.data);
                      if (event.message === 'System Stats' && event.body.memory_bytes > 0) seen.push('stats');
                      if (event.message === 'HOST_STATS_UPDATE' && event.body.stats.goroutines > 0) seen.push('host');
                      if (seen.includes('stats') && seen.includes('host')) { socket.close(); resolve(seen.join(',')); }
                    };
                    socket.onerror = () => resolve(seen.concat('error').join(','));
                    setTimeout(() => resolve(seen.concat('timeout').join(',')), 20000);
                  });
                  return JSON.stringify(out);
                })()""".formatted(
                JSON.writeValueAsString(edge), JSON.writeValueAsString(rootPassword), JSON.writeValueAsString(PAGES));
    }
}
