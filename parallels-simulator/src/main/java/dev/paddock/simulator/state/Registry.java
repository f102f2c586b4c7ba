package dev.paddock.simulator.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registered VMs. Every operation runs under a file lock on the home directory (shared to read, exclusive to
 * change), so concurrent prlctl invocations — the agent runs many at once — never see or leave a half-written state.
 * Records are written to a temp file and renamed into place.
 */
public final class Registry {

    public static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private static final DateTimeFormatter EVENT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SimulatorHome home;
    private final Ownership ownership;

    public Registry(SimulatorHome home, Ownership ownership) {
        this.home = home;
        this.ownership = ownership;
        try {
            Files.createDirectories(home.registry());
            Files.createDirectories(home.defaultVmFolder());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the simulator home " + home.root(), e);
        }
    }

    public SimulatorHome home() {
        return home;
    }

    /** Runs {@code work} holding the lock; {@code exclusive} for changes. */
    public <T> T locked(boolean exclusive, Function<Registry, T> work) {
        return HostLock.holding(home.lockFile(), !exclusive, () -> work.apply(this));
    }

    public Ownership ownership() {
        return ownership;
    }

    /** The acting user's VMs (PD lists and acts on a user's own VMs only), templates included. */
    public List<VmRecord> all() {
        return everyone().stream().filter(ownership::sees).toList();
    }

    /** Every user's VMs: for what is shared by all users of the Mac (bundle paths, guest addresses). */
    public List<VmRecord> everyone() {
        List<VmRecord> records = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(home.registry(), "*.json")) {
            for (Path file : files) {
                try {
                    records.add(JSON.readValue(file.toFile(), VmRecord.class));
                } catch (RuntimeException unreadable) {
                    // A record being replaced right now by a rename is simply skipped by a reader.
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        records.sort(Comparator.comparing((VmRecord r) -> r.name.toLowerCase(Locale.ROOT)));
        return records;
    }

    /** Finds a VM by id (with or without braces, any case) or by name, as prlctl accepts either. */
    public Optional<VmRecord> find(String idOrName) {
        String wanted = idOrName.startsWith("{") && idOrName.endsWith("}")
                ? idOrName.substring(1, idOrName.length() - 1)
                : idOrName;
        List<VmRecord> all = all();
        return all.stream()
                .filter(r -> r.uuid.equalsIgnoreCase(wanted))
                .findFirst()
                .or(() -> all.stream().filter(r -> r.name.equals(idOrName)).findFirst());
    }

    public void save(VmRecord record) {
        Path target = home.registry().resolve(record.uuid + ".json");
        try {
            Path temporary = Files.createTempFile(home.registry(), ".vm", ".tmp");
            JSON.writeValue(temporary.toFile(), record);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void remove(VmRecord record) {
        try {
            Files.deleteIfExists(home.registry().resolve(record.uuid + ".json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Appends an event in {@code prlctl monitor-events --json}'s line format, prefixed by the VM's owner and a tab so
     * that each user's stream shows only their own VMs' events.
     */
    public void event(VmRecord record, String eventName, Map<String, String> additionalInfo) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("Timestamp", LocalDateTime.now().format(EVENT_TIME));
        event.put("VM ID", record.bracedId());
        event.put("Event name", eventName);
        event.put("Additional info", additionalInfo);
        try {
            Files.writeString(
                    home.events(),
                    record.owner + "\t" + JSON.writeValueAsString(event) + "\n",
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The next free loopback address for a VM's guest services: 127.N.x.y, where N comes from the simulator home, so
     * simulated Macs side by side (several hosts of one suite, or suites of concurrent test runs) do not hand out the
     * same addresses. Never reused while registered, and skipped while anything still answers there (a guest left
     * running by an earlier, killed run).
     */
    public String allocateIp() {
        List<String> taken = everyone().stream().map(r -> r.ip).toList();
        int network = 64
                + Math.floorMod(
                        home.root().toAbsolutePath().normalize().toString().hashCode(), 128);
        for (int i = 0; i < 250 * 250; i++) {
            String candidate = "127." + network + "." + (i / 250) + "." + (i % 250 + 2);
            if (!taken.contains(candidate) && !answers(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free loopback address left");
    }

    /** True when something listens on the address's SSH port (loopback: a refusal is immediate). */
    private static boolean answers(String address) {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(address, 22), 200);
            return true;
        } catch (IOException free) {
            return false;
        }
    }
}
