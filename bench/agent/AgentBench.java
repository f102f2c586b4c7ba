import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Host-agent benchmark (issue 3). Run by bench/agent/run.sh, which starts the agent on a simulated Mac with 50 VMs.
 * Every figure is printed beside a baseline measured in the same run:
 *  - GET /api/v1/machines from the agent's cache vs the same request with X-No-Cache (a fresh PD listing per call,
 *    which is what a cache-less agent does);
 *  - start+stop cycles through the agent's API vs the same cycles with the simulator's prlctl called directly;
 *  - the agent's resident memory at idle vs the 150 MB target.
 * Usage: java AgentBench.java <agent-url> <token> <prlctl> <agent-pid> <vm-name-prefix> <vm-count>
 */
public class AgentBench {

    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String token = args[1];
        String prlctl = args[2];
        long pid = Long.parseLong(args[3]);
        String prefix = args[4];
        int vms = Integer.parseInt(args[5]);

        System.out.println("== GET /api/v1/machines with " + vms + " VMs");
        List<Long> cached = latencies(url, token, false, 2000);
        List<Long> uncached = latencies(url, token, true, 40);
        print("cached (agent)", cached);
        print("uncached baseline (PD listing per request)", uncached);
        System.out.printf("   ratio p50 uncached/cached: %.0fx faster from the cache%n", (double) p(uncached, 50) / p(cached, 50));

        System.out.println("== start+stop throughput (8 VMs, 4 at a time)");
        double viaAgent = cycles(i -> {
            call(url, token, "PUT", "/api/v1/machines/" + prefix + i + "/start");
            call(url, token, "PUT", "/api/v1/machines/" + prefix + i + "/stop");
        });
        double direct = cycles(i -> {
            run(prlctl, "start", prefix + i);
            run(prlctl, "stop", prefix + i);
        });
        System.out.printf("   through the agent: %.2f start+stop cycles/s%n", viaAgent);
        System.out.printf("   prlctl directly (baseline): %.2f cycles/s%n", direct);
        System.out.printf("   ratio agent/direct: %.2f%n", viaAgent / direct);

        System.out.println("== resident memory at idle");
        System.gc();
        Thread.sleep(5000);
        long rssKb = rss(pid);
        System.out.printf("   agent RSS: %d MB (target <= 150 MB: %s), ratio to target %.2f%n",
                rssKb / 1024, rssKb / 1024 <= 150 ? "met" : "missed", rssKb / 1024.0 / 150);
    }

    interface Cycle {
        void run(int index) throws Exception;
    }

    static double cycles(Cycle cycle) throws Exception {
        int count = 8;
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    cycle.run(index);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }

    static List<Long> latencies(String url, String token, boolean noCache, int count) throws Exception {
        for (int i = 0; i < Math.min(200, count); i++) {
            get(url, token, noCache);
        }
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long started = System.nanoTime();
            get(url, token, noCache);
            micros.add((System.nanoTime() - started) / 1000);
        }
        Collections.sort(micros);
        return micros;
    }

    static void get(String url, String token, boolean noCache) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url + "/api/v1/machines"))
                .header("Authorization", "Bearer " + token);
        if (noCache) {
            request.header("X-No-Cache", "true");
        }
        HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /machines answered " + response.statusCode());
        }
    }

    static void call(String url, String token, String method, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                        .method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
    }

    static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    static long p(List<Long> sorted, int percentile) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1));
    }

    static void print(String label, List<Long> sorted) {
        System.out.printf("   %-44s p50 %7.2f ms   p99 %7.2f ms   (%d requests)%n",
                label, p(sorted, 50) / 1000.0, p(sorted, 99) / 1000.0, sorted.size());
    }

    static long rss(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
