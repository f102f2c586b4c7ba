import dev.paddock.testsupport.TestDatabase;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the edge (its real jar, PostgreSQL from the test support, tokens from a test JWKS) beside the nginx and haproxy
 * that run.sh started, and measures in one run: wrk through a reverse-proxy host of the edge and through nginx to the
 * same backend, and a bulk TCP download through an edge TCP route and through haproxy from the same source. Prints the
 * figures and the ratios.
 */
public class EdgeBench {

    static final long TCP_BYTES = 2L << 30;

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]);
        Path work = Path.of(args[1]);
        int backend = Integer.parseInt(args[2]);
        int nginx = Integer.parseInt(args[3]);
        int haproxy = Integer.parseInt(args[4]);
        int sourcePort = Integer.parseInt(args[5]);
        String duration = args[6];
        String connections = args[7];

        TestDatabase database = TestDatabase.get();
        TestTokens tokens = TestTokens.start();
        int edgePort = freePort();
        int adminPort = freePort();
        int tcpRoutePort = freePort();
        List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m"));
        // Extra JVM options for the edge (a profiler, GC settings) without editing the benchmark.
        String extra = System.getenv().getOrDefault("EDGE_JVM_OPTIONS", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of(
                        "-jar",
                        jar.toString(),
                        "--server.port=" + adminPort,
                        "--paddock.edge.port=" + edgePort,
                        "--spring.datasource.url=" + database.jdbcUrl(),
                        "--spring.datasource.username=" + database.username(),
                        "--spring.datasource.password=" + database.password(),
                        "--paddock.security.jwt.jwks-uri=" + tokens.jwksUri(),
                        "--paddock.edge.upstreams.orchestrator=http://127.0.0.1:" + backend,
                        // Like nginx's access_log off in the baseline.
                        "--logging.level.dev.paddock.edge.access=WARN"));
        Process edge = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("edge.log").toFile())
                .start();
        try (ServerSocket source = startSource(sourcePort)) {
            awaitUp("http://127.0.0.1:" + adminPort + "/actuator/health");
            String token = tokens.superUser();
            configure(edgePort, token, "{\"host\":\"bench.example.test\",\"http_routes\":[{\"target_host\":\"127.0.0.1\","
                    + "\"target_port\":" + backend + "}]}");
            configure(edgePort, token, "{\"name\":\"bulk\",\"port\":" + tcpRoutePort + ",\"tcp_route\":{"
                    + "\"target_host\":\"127.0.0.1\",\"target_port\":" + sourcePort + "}}");

            System.out.println("\nHTTP: wrk -t2 -c" + connections + " -d" + duration
                    + ", small responses, keep-alive; nginx and edge alternate, 3 rounds");
            wrk(edgePort, "bench.example.test", "5s", connections);
            wrk(nginx, "bench.example.test", "5s", connections);
            List<Double> throughputRatios = new ArrayList<>();
            List<Double> p99Ratios = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                Wrk base = wrk(nginx, "bench.example.test", duration, connections);
                Wrk ours = wrk(edgePort, "bench.example.test", duration, connections);
                throughputRatios.add(ours.rps() / base.rps());
                p99Ratios.add(ours.p99() / base.p99());
                System.out.printf(Locale.ROOT,
                        "  round %d: nginx %,8.0f req/s p99 %6.2f ms | edge %,8.0f req/s p99 %6.2f ms | %.2f× %.2f×%n",
                        round, base.rps(), base.p99(), ours.rps(), ours.p99(),
                        ours.rps() / base.rps(), ours.p99() / base.p99());
            }
            System.out.printf(Locale.ROOT,
                    "  edge/nginx (median of rounds): throughput %.2f× (target ≥ 0.90), p99 %.2f× (target ≤ 1.5)%n",
                    median(throughputRatios), median(p99Ratios));

            System.out.println("\nTCP: one connection downloading " + (TCP_BYTES >> 20)
                    + " MiB; haproxy and edge alternate, 5 rounds");
            List<Double> tcpRatios = new ArrayList<>();
            for (int round = 1; round <= 5; round++) {
                double base = download(haproxy);
                double ours = download(tcpRoutePort);
                tcpRatios.add(ours / base);
                System.out.printf(Locale.ROOT, "  round %d: haproxy %,6.0f MB/s | edge %,6.0f MB/s | %.2f×%n",
                        round, base, ours, ours / base);
            }
            System.out.printf(Locale.ROOT, "  edge/haproxy (median of rounds): %.2f× (target ≥ 0.90)%n",
                    median(tcpRatios));
        } finally {
            edge.destroy();
            edge.waitFor();
            tokens.close();
        }
    }

    record Wrk(double rps, double p50, double p99) {}

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    static Wrk wrk(int port, String host, String duration, String connections) throws Exception {
        Process process = new ProcessBuilder(
                        "wrk", "-t2", "-c" + connections, "-d" + duration, "--latency", "-H", "Host: " + host,
                        "http://127.0.0.1:" + port + "/")
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor();
        Matcher rps = Pattern.compile("Requests/sec:\\s+([\\d.]+)").matcher(output);
        if (!rps.find() || output.contains("Non-2xx")) {
            throw new IllegalStateException("wrk failed on port " + port + ":\n" + output);
        }
        return new Wrk(Double.parseDouble(rps.group(1)), latency(output, "50%"), latency(output, "99%"));
    }

    static double latency(String output, String percentile) {
        Matcher matcher = Pattern.compile(Pattern.quote(percentile) + "\\s+([\\d.]+)(us|ms|s)").matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + percentile + " latency in:\n" + output);
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }

    /** A server that sends TCP_BYTES to every connection, then closes it. */
    static ServerSocket startSource(int port) throws IOException {
        ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            byte[] block = new byte[1 << 20];
            while (!server.isClosed()) {
                try (Socket socket = server.accept(); OutputStream out = socket.getOutputStream()) {
                    for (long sent = 0; sent < TCP_BYTES; sent += block.length) {
                        out.write(block);
                    }
                } catch (IOException e) {
                    // next connection
                }
            }
        });
        return server;
    }

    /** MB/s of one download through a proxy port. */
    static double download(int port) throws IOException {
        long start = System.nanoTime();
        long total = 0;
        try (Socket socket = new Socket("127.0.0.1", port); InputStream in = socket.getInputStream()) {
            byte[] buffer = new byte[1 << 20];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                total += read;
            }
        }
        if (total != TCP_BYTES) {
            throw new IllegalStateException("received " + total + " of " + TCP_BYTES + " bytes through port " + port);
        }
        return total / 1e6 / ((System.nanoTime() - start) / 1e9);
    }

    static void configure(int edgePort, String token, String json) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + edgePort + "/api/v1/reverse-proxy/hosts"))
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("configuring the edge failed: " + response.body());
        }
    }

    static void awaitUp(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < 240; i++) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode()
                        == 200) {
                    return;
                }
            } catch (IOException e) {
                // not yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the edge did not start");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
