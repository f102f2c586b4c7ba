package dev.paddock.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.simulator.evidence.CorpusEntry;
import dev.paddock.simulator.evidence.PdCorpus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The simulator is held to the recorded-output corpus ({@code parallels-simulator/src/main/resources/pd-corpus/}): for every
 * comparable entry, the case's VMs are set up, the entry's command runs through the simulator's real launchers, and
 * the output is compared as the entry says (json-keys, text, lines), on the same stream, with the same success or
 * failure.
 */
class CorpusConformanceIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern UUID_PATTERN =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final String CORPUS_VM_FOLDER = "/Users/builder/Parallels";

    /**
     * The cases that only read a fleet of VMs (lists, info, an exec that changes nothing) share one, set up once: its
     * two guests are the slowest part of a case.
     */
    private static final Set<String> READS_THE_FLEET = Set.of(
            "prlctl-list-all-info-json",
            "prlctl-list-template-info-json",
            "prlctl-list-one-info-json",
            "prlctl-list-one-info-json-template",
            "prlctl-list-one-full-json",
            "prlctl-list-one-full-json-macos",
            "prlctl-exec-macos-ipconfig");

    @TempDir
    static Path fleetHome;

    private static @Nullable SimulatorProcess fleet;

    @TempDir
    Path caseHome;

    private Path home;
    private SimulatorProcess sim;

    static Stream<CorpusEntry> comparable() {
        return PdCorpus.all().stream().filter(entry -> !entry.compare().equals("none"));
    }

    @AfterEach
    void stopGuests() throws IOException {
        if (sim != null && sim != fleet) {
            sim.stopGuests();
        }
    }

    @AfterAll
    static void stopFleet() throws IOException {
        if (fleet != null) {
            fleet.stopGuests();
            fleet = null;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("comparable")
    void followsTheCorpus(CorpusEntry entry) throws Exception {
        String base = entry.name().substring(0, entry.name().lastIndexOf('.'));
        if (READS_THE_FLEET.contains(base)) {
            home = fleetHome;
            sim = sharedFleet();
        } else {
            home = caseHome;
            sim = new SimulatorProcess(home);
        }
        Map<String, String> replacements = setUp(base);
        List<String> command = new ArrayList<>();
        for (String argument : entry.arguments()) {
            String replaced = argument;
            for (Map.Entry<String, String> replacement : replacements.entrySet()) {
                replaced = replaced.replace(replacement.getKey(), replacement.getValue());
            }
            command.add(replaced);
        }
        SimulatorProcess.Result result =
                entry.name().startsWith("prlctl-monitor-events") ? monitorEvents(command) : sim.run(command);

        String actual = entry.stream().equals("stdout") ? result.stdout() : result.stderr();
        if (!entry.name().startsWith("prlctl-monitor-events")) {
            assertThat(result.exitCode() == 0)
                    .as("%s exit status %d (stderr: %s)", entry.name(), result.exitCode(), result.stderr())
                    .isEqualTo(entry.exitCode() == 0);
        }
        if (entry.exitCode() == 0 && entry.stream().equals("stdout")) {
            assertThat(result.stderr()).as("%s stderr", entry.name()).isEmpty();
        }
        switch (entry.compare()) {
            case "json-keys" -> compareJsonKeys(entry, actual);
            case "text" ->
                assertThat(normalise(strip(actual))).as(entry.name()).isEqualTo(normalise(strip(entry.body())));
            case "lines" -> compareLines(entry, actual);
            default -> throw new IllegalStateException("unknown compare " + entry.compare());
        }
    }

    /** The VMs and host settings each case needs, and how its command's example values map to this home. */
    private Map<String, String> setUp(String base) throws Exception {
        Map<String, String> replacements = new LinkedHashMap<>();
        replacements.put(CORPUS_VM_FOLDER, home.resolve("Parallels").toString());
        switch (base) {
            case "prlctl-start-already-running",
                    "prlctl-stop",
                    "prlctl-stop-kill",
                    "prlctl-restart",
                    "prlctl-suspend",
                    "prlctl-pause",
                    "prlctl-reset",
                    "prlctl-delete-running",
                    "prlctl-delete-force-running",
                    "prlctl-set-running-cpus",
                    "prlctl-exec-shell-line",
                    "prlctl-exec-joined-args",
                    "prlctl-exec-without-shell",
                    "prlctl-exec-exit-code" -> {
                linux();
                sim.ok("prlctl", "start", "ci-linux");
            }
            case "prlctl-resume",
                    "prlctl-stop-suspended",
                    "prlctl-stop-suspended-drop-state",
                    "prlctl-start-suspended" -> {
                linux();
                sim.ok("prlctl", "start", "ci-linux");
                sim.ok("prlctl", "suspend", "ci-linux");
            }
            case "prlctl-start",
                    "prlctl-stop-already-stopped",
                    "prlctl-delete",
                    "prlctl-unregister",
                    "prlctl-set",
                    "prlctl-clone",
                    "prlctl-snapshot",
                    "prlctl-exec-stopped" -> linux();
            case "prlctl-clone-template" -> {
                linux();
                sim.ok("prlctl", "clone", "ci-linux", "--name", "tpl-ubuntu", "--template");
            }
            case "prlctl-register-with-uuid",
                    "prlctl-register-preserve-uuid",
                    "prlctl-register-regenerates-uuid",
                    "prlctl-register-not-owner" -> {
                sim.ok("prlctl", "create", "ci-imported", "-o", "ubuntu");
                sim.ok("prlctl", "unregister", "ci-imported");
            }
            case "prlctl-snapshot-list-json" -> {
                linux();
                sim.ok("prlctl", "snapshot", "ci-linux", "-n", "clean");
                sim.ok("prlctl", "snapshot", "ci-linux", "-n", "second");
            }
            case "prlctl-snapshot-delete", "prlctl-snapshot-switch" -> {
                linux();
                String created =
                        sim.ok("prlctl", "snapshot", "ci-linux", "-n", "clean").stdout();
                Matcher id = UUID_PATTERN.matcher(created);
                assertThat(id.find()).isTrue();
                replacements.put("5e1c0a2b-3d4e-4f5a-8b6c-7d8e9f0a1b2c", id.group());
            }
            case "prlsrvctl-user-list-json" -> hostProperties("users=builder,qa");
            case "prlsrvctl-info-license-json-standard-edition" -> hostProperties("edition=standard");
            case "uname-m-intel" -> hostProperties("architecture=x86_64");
            default -> {}
        }
        return replacements;
    }

    private void linux() throws Exception {
        sim.ok("prlctl", "create", "ci-linux", "-o", "ubuntu");
    }

    private static SimulatorProcess sharedFleet() throws Exception {
        if (fleet == null) {
            SimulatorProcess created = new SimulatorProcess(fleetHome);
            created.ok("prlctl", "create", "ci-linux", "-o", "ubuntu");
            created.ok("prlctl", "clone", "ci-linux", "--name", "tpl-ubuntu", "--template");
            created.ok("prlctl", "start", "ci-linux");
            created.ok("prlctl", "create", "ci-mac", "-o", "macos");
            created.ok("prlctl", "start", "ci-mac");
            fleet = created;
        }
        return fleet;
    }

    private void hostProperties(String line) throws IOException {
        Files.writeString(home.resolve("host.properties"), line + "\n");
    }

    /**
     * Follows the stream through a pipe while one VM is created, started, configured, snapshotted, stopped,
     * unregistered, registered again and deleted. Through a pipe the stream holds its lines until it ends, so an
     * injected lifetime ends it and its output is read whole: a generous one while the VM goes through its life (a
     * loaded machine takes its time), cut to "now" once it is deleted.
     */
    private SimulatorProcess.Result monitorEvents(List<String> command) throws Exception {
        Files.writeString(home.resolve("faults.properties"), "monitor-events.exit-after-ms=120000\n");
        List<String> argv = new ArrayList<>(command);
        argv.set(0, SimulatorProcess.BIN.resolve(argv.getFirst()).toString());
        Process stream = sim.builder(argv).start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!Files.exists(home.resolve("events.jsonl")) && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        Thread.sleep(200);
        linux();
        sim.ok("prlctl", "start", "ci-linux");
        sim.ok("prlctl", "set", "ci-linux", "--description", "events");
        sim.ok("prlctl", "snapshot", "ci-linux", "-n", "events");
        sim.ok("prlctl", "stop", "ci-linux");
        sim.ok("prlctl", "unregister", "ci-linux");
        sim.ok("prlctl", "register", home.resolve("Parallels/ci-linux.pvm").toString());
        sim.ok("prlctl", "delete", "ci-linux");
        Files.writeString(home.resolve("faults.properties"), "monitor-events.exit-after-ms=1\n");
        String stdout = new String(stream.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(stream.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new SimulatorProcess.Result(stream.exitValue(), stdout, "");
    }

    private static void compareJsonKeys(CorpusEntry entry, String actual) {
        String[] expected = splitLeadingText(entry.body());
        String[] got = splitLeadingText(actual);
        assertThat(normalise(got[0]))
                .as("%s: text before the JSON", entry.name())
                .isEqualTo(normalise(expected[0]));
        List<JsonNode> expectedValues = values(expected[1]);
        List<JsonNode> actualValues = values(got[1]);
        assertThat(actualValues).as("%s: number of JSON values", entry.name()).hasSameSizeAs(expectedValues);
        for (int i = 0; i < expectedValues.size(); i++) {
            sameKeys(entry.name() + " value " + i, expectedValues.get(i), actualValues.get(i));
        }
    }

    /** {text before the first line starting with { or [, the rest}. */
    private static String[] splitLeadingText(String output) {
        StringBuilder text = new StringBuilder();
        String[] lines = output.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith("{") || lines[i].startsWith("[")) {
                return new String[] {
                    text.toString(), String.join("\n", List.of(lines).subList(i, lines.length))
                };
            }
            text.append(lines[i]).append('\n');
        }
        return new String[] {text.toString(), ""};
    }

    private static List<JsonNode> values(String json) {
        List<JsonNode> values = new ArrayList<>();
        Iterator<JsonNode> iterator = JSON.readerFor(JsonNode.class).readValues(json);
        iterator.forEachRemaining(values::add);
        return values;
    }

    private static void sameKeys(String where, JsonNode expected, JsonNode actual) {
        if (expected.isObject()) {
            assertThat(actual.isObject()).as("%s is an object", where).isTrue();
            assertThat(keys(actual)).as("%s keys", where).isEqualTo(keys(expected));
            Map<String, JsonNode> actualByKey = new LinkedHashMap<>();
            actual.properties().forEach(e -> actualByKey.put(normaliseKey(e.getKey()), e.getValue()));
            expected.properties()
                    .forEach(e -> sameKeys(
                            where + "." + e.getKey(), e.getValue(), actualByKey.get(normaliseKey(e.getKey()))));
        } else if (expected.isArray()) {
            assertThat(actual.isArray()).as("%s is an array", where).isTrue();
            assertThat(actual.size()).as("%s length", where).isEqualTo(expected.size());
            for (int i = 0; i < expected.size(); i++) {
                sameKeys(where + "[" + i + "]", expected.get(i), actual.get(i));
            }
        } else {
            assertThat(actual.isObject() || actual.isArray())
                    .as("%s is a value", where)
                    .isFalse();
        }
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        node.properties().forEach(e -> keys.add(normaliseKey(e.getKey())));
        return keys;
    }

    private static String normaliseKey(String key) {
        return UUID_PATTERN.matcher(key).replaceAll("{uuid}");
    }

    private static void compareLines(CorpusEntry entry, String actual) {
        List<String> patterns = entry.bodyLines();
        List<String> lines =
                strip(actual).isEmpty() ? List.of() : List.of(strip(actual).split("\n", -1));
        assertThat(lines).as("%s lines", entry.name()).hasSameSizeAs(patterns);
        for (int i = 0; i < patterns.size(); i++) {
            assertThat(lines.get(i)).as("%s line %d", entry.name(), i + 1).matches(patterns.get(i));
        }
    }

    private static String strip(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /** UUIDs, IPv4 addresses and numbers become placeholders, on both sides. */
    static String normalise(String text) {
        String uuids = UUID_PATTERN.matcher(text).replaceAll("{uuid}");
        String ips = uuids.replaceAll("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b", "{ip}");
        return ips.replaceAll("\\d+", "{n}");
    }
}
