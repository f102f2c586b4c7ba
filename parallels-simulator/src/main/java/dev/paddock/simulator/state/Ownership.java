package dev.paddock.simulator.state;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Who acts, and who owns which bundle. The acting user is {@code PADDOCK_SIM_USER} (set by the fake {@code bin/sudo}),
 * else {@code USER}, else the process's own user; PD shows and changes only the acting user's own VMs (root owns none of its
 * users' VMs). Bundle owners live in {@code owners.properties} (absolute path → user), written by the fake
 * {@code bin/chown} and by create and clone; the owner of a path is the one recorded for its longest recorded prefix.
 */
public final class Ownership {

    private final SimulatorHome home;
    private final String actingUser;
    private final boolean viaSudo;

    public Ownership(SimulatorHome home, Map<String, String> environment) {
        this.home = home;
        String simUser = environment.getOrDefault("PADDOCK_SIM_USER", "");
        String user = environment.getOrDefault("USER", "");
        this.viaSudo = !simUser.isBlank();
        // Without USER (a service's environment often has none) the process's own user acts, as on a real Mac.
        this.actingUser = !simUser.isBlank() ? simUser : !user.isBlank() ? user : processUser();
    }

    /** The operating system user this process runs as. */
    public static String processUser() {
        String name = System.getProperty("user.name", "");
        return name.isBlank() ? "builder" : name;
    }

    public String actingUser() {
        return actingUser;
    }

    /** Whether the invocation came through the fake sudo (an explicit acting user). */
    public boolean viaSudo() {
        return viaSudo;
    }

    /** A VM is the acting user's when it is owned by them; records from before owners existed belong to everyone. */
    public boolean sees(VmRecord vm) {
        return vm.owner.isEmpty() || vm.owner.equals(actingUser);
    }

    public Optional<String> ownerOf(Path path) {
        Properties owners = read();
        Path wanted = path.toAbsolutePath().normalize();
        String best = null;
        int bestLength = -1;
        for (String recorded : owners.stringPropertyNames()) {
            Path candidate = Path.of(recorded);
            if (wanted.startsWith(candidate) && recorded.length() > bestLength) {
                best = owners.getProperty(recorded);
                bestLength = recorded.length();
            }
        }
        return Optional.ofNullable(best);
    }

    public void record(Path path, String user) {
        Path file = home.root().resolve("owners.properties");
        try {
            Files.createDirectories(home.root());
            HostLock.holding(home.root().resolve(".owners.lock"), false, () -> {
                Properties owners = read();
                owners.setProperty(path.toAbsolutePath().normalize().toString(), user);
                try {
                    Path temporary = Files.createTempFile(home.root(), ".owners", ".tmp");
                    try (Writer writer = Files.newBufferedWriter(temporary)) {
                        owners.store(writer, "bundle owners recorded by the simulated chown, create and clone");
                    }
                    Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return null;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties read() {
        Properties owners = new Properties();
        Path file = home.root().resolve("owners.properties");
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                owners.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return owners;
    }
}
