package dev.paddock.simulator.state;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One registered VM of the simulated host. Mutable: commands change it under the registry lock and save it.
 */
public final class VmRecord {

    public String uuid = "";
    public String name = "";
    public String description = "";
    /** PD's OS label: {@code macosx}, {@code ubuntu}, {@code win-11}... */
    public String os = "macosx";
    /** {@code macvm} (Apple virtualization) or {@code pvm}. */
    public String bundleType = "macvm";

    public String state = "stopped";
    /** The bundle folder. */
    public String home = "";

    public int cpus = 2;
    public int memoryMb = 4096;
    public long diskMb = 65536;
    public String mac = "";
    /** The loopback address its guest services use while it runs (127.x.y.z). */
    public String ip = "";

    public String owner = "";
    public boolean template;
    public long startedAtMillis;
    public long guestPid;
    public @Nullable String currentSnapshot;
    public List<Snapshot> snapshots = new ArrayList<>();

    public boolean isMac() {
        return "macvm".equals(bundleType);
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    public String bracedId() {
        return "{" + uuid + "}";
    }
}
