import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Soak benchmark (issue 17): mixed traffic through the edge of a running local suite for N minutes — fleet and catalog
 * reads, commands in a VM, VMs created from the catalog image and deleted, requests to a VM's own address — with, per
 * minute, the error rate and latency percentiles, and every 15 s each JVM's heap, live threads and open files read
 * from its Prometheus endpoint. The baseline is the run's own first minute: the last minute's p99 is printed as a ratio
 * of it, and each JVM figure as its first and last value and its least-squares slope per minute (≈ 0 when nothing
 * leaks). Run by bench/soak/run.sh.
 * Usage: java SoakBench.java <edge-url> <root-password> <minutes> <name=metrics-url>...
 */
public class SoakBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

    record Sample(long atMillis, Map<String, double[]> figures) {}

    record Call(long atMillis, String kind, int status, long micros) {}

    public static void main(String[] args) throws Exception {
        String edge = args[0];
        String password = args[1];
        int minutes = Integer.parseInt(args[2]);
        Map<String, String> metrics = new LinkedHashMap<>();
        for (int i = 3; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            metrics.put(pair[0], pair[1]);
        }
        String token = login(edge, password);
        String execVm = "soak-exec";
        createVm(edge, token, execVm);
        call(edge, token, "PUT", "/api/v1/orchestrator/machines/" + execVm + "/start", null);

        ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
        List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
        long started = System.currentTimeMillis();
        long end = started + minutes * 60_000L;
        AtomicInteger created = new AtomicInteger();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(Thread.ofPlatform().start(() -> {
                while (System.currentTimeMillis() < end) {
                    int dice = ThreadLocalRandom.current().nextInt(100);
                    try {
                        if (dice < 60) {
                            String path = List.of("/api/v1/orchestrator/machines", "/api/v1/orchestrator/hosts",
                                    "/api/v1/catalog").get(dice % 3);
                            record(calls, "read", () -> call(edge, token, "GET", path, null));
                        } else if (dice < 85) {
                            record(calls, "exec", () -> call(edge, token, "PUT",
                                    "/api/v1/orchestrator/machines/" + execVm + "/execute", "{\"command\":\"echo soak\"}"));
                        } else if (dice < 95) {
                            String name = "soak-" + created.incrementAndGet();
                            record(calls, "create", () -> createVm(edge, token, name));
                            record(calls, "delete", () -> call(edge, token, "DELETE",
                                    "/api/v1/orchestrator/machines/" + name, null));
                        } else {
                            // The VM's own address on the edge, named by the Host header (a JVM does not resolve
                            // *.localhost names as browsers do; run.sh allows the header).
                            String host = execVm + ".vm." + URI.create(edge).getAuthority();
                            record(calls, "vm-address", () -> HTTP.send(HttpRequest.newBuilder(URI.create(edge + "/"))
                                            .header("Host", host)
                                            .header("Authorization", "Bearer " + token)
                                            .timeout(Duration.ofSeconds(30))
                                            .build(), HttpResponse.BodyHandlers.discarding())
                                    .statusCode());
                        }
                    } catch (Exception e) {
                        calls.add(new Call(System.currentTimeMillis(), e.getClass().getSimpleName(), -1, 0));
                    }
                }
            }));
        }
        while (System.currentTimeMillis() < end) {
            samples.add(sample(metrics));
            Thread.sleep(15_000);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        samples.add(sample(metrics));
        report(new ArrayList<>(calls), samples, started, minutes);
        call(edge, token, "DELETE", "/api/v1/orchestrator/machines/" + execVm + "?force=true", null);
    }

    interface Timed {
        int run() throws Exception;
    }

    static void record(ConcurrentLinkedQueue<Call> calls, String kind, Timed work) throws Exception {
        long t0 = System.nanoTime();
        int status = work.run();
        calls.add(new Call(System.currentTimeMillis(), kind, status, (System.nanoTime() - t0) / 1000));
    }

    static int createVm(String edge, String token, String name) throws Exception {
        return call(edge, token, "POST", "/api/v1/orchestrator/machines",
                "{\"name\":\"" + name + "\",\"architecture\":\"arm64\",\"catalog_manifest\":{\"catalog_id\":\"ubuntu\","
                        + "\"version\":\"24.04\"}}");
    }

    static String login(String edge, String password) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(edge + "/api/v1/auth/token"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"root\",\"password\":\"" + password + "\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = TOKEN.matcher(answer.body());
        if (!token.find()) {
            throw new IllegalStateException("login failed: " + answer.statusCode() + " " + answer.body());
        }
        return token.group(1);
    }

    static int call(String edge, String token, String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(edge + path))
                .timeout(Duration.ofMinutes(2))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** heap bytes, live threads, open files per JVM, from its Prometheus text. */
    static Sample sample(Map<String, String> metrics) {
        Map<String, double[]> figures = new LinkedHashMap<>();
        metrics.forEach((name, url) -> {
            try {
                String text = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                figures.put(name, new double[] {
                    sum(text, "jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}"),
                    sum(text, "jvm_threads_live_threads(\\{[^}]*})?"),
                    sum(text, "process_files_open_files(\\{[^}]*})?")
                });
            } catch (Exception e) {
                figures.put(name, new double[] {Double.NaN, Double.NaN, Double.NaN});
            }
        });
        return new Sample(System.currentTimeMillis(), figures);
    }

    static double sum(String text, String metric) {
        Matcher m = Pattern.compile("(?m)^" + metric + " ([0-9.eE+-]+)$").matcher(text);
        double total = 0;
        boolean found = false;
        while (m.find()) {
            total += Double.parseDouble(m.group(m.groupCount()));
            found = true;
        }
        return found ? total : Double.NaN;
    }

    static void report(List<Call> calls, List<Sample> samples, long started, int minutes) {
        System.out.println("== traffic per minute (all kinds): requests, errors (5xx or no answer), p50 / p99 ms");
        double firstP99 = 0;
        double lastP99 = 0;
        long errors = 0;
        for (int minute = 0; minute < minutes; minute++) {
            long from = started + minute * 60_000L;
            List<Call> inMinute = calls.stream()
                    .filter(c -> c.atMillis() >= from && c.atMillis() < from + 60_000)
                    .toList();
            long failed = inMinute.stream().filter(c -> c.status() < 0 || c.status() >= 500).count();
            errors += failed;
            List<Long> latencies = inMinute.stream()
                    .filter(c -> c.status() > 0 && c.kind().equals("read"))
                    .map(Call::micros)
                    .sorted()
                    .toList();
            double p50 = percentile(latencies, 50) / 1000.0;
            double p99 = percentile(latencies, 99) / 1000.0;
            if (minute == 0) {
                firstP99 = p99;
            }
            lastP99 = p99;
            System.out.printf("   minute %2d: %6d requests, %4d errors, reads p50 %.1f ms, p99 %.1f ms%n",
                    minute + 1, inMinute.size(), failed, p50, p99);
        }
        Map<String, Long> byKind = new LinkedHashMap<>();
        calls.forEach(c -> byKind.merge(c.kind() + " " + (c.status() < 0 ? "no answer" : c.status()), 1L, Long::sum));
        System.out.printf("   total %d requests, by kind and status %s, error rate %.3f %%%n", calls.size(), byKind,
                calls.isEmpty() ? 0 : 100.0 * errors / calls.size());
        System.out.printf("   reads p99 drift, last minute / first minute (baseline): %.2f%n", lastP99 / Math.max(firstP99, 0.001));
        System.out.println("== each JVM over the run: first → last, least-squares slope per minute");
        String[] names = {"heap MiB", "threads", "open files"};
        for (String jvm : samples.getFirst().figures().keySet()) {
            StringBuilder line = new StringBuilder(String.format("   %-14s", jvm));
            for (int f = 0; f < 3; f++) {
                List<double[]> points = new ArrayList<>();
                for (Sample s : samples) {
                    double v = s.figures().get(jvm)[f];
                    if (!Double.isNaN(v)) {
                        points.add(new double[] {(s.atMillis() - started) / 60_000.0, f == 0 ? v / 1048576 : v});
                    }
                }
                if (points.size() < 2) {
                    line.append(String.format("  %s n/a", names[f]));
                    continue;
                }
                line.append(String.format("  %s %.0f → %.0f (%+.2f/min)", names[f], points.getFirst()[1],
                        points.getLast()[1], slope(points)));
            }
            System.out.println(line);
        }
    }

    static long percentile(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    static double slope(List<double[]> points) {
        double n = points.size(), sx = 0, sy = 0, sxy = 0, sxx = 0;
        for (double[] p : points) {
            sx += p[0];
            sy += p[1];
            sxy += p[0] * p[1];
            sxx += p[0] * p[0];
        }
        double denominator = n * sxx - sx * sx;
        return denominator == 0 ? 0 : (n * sxy - sx * sy) / denominator;
    }
}
