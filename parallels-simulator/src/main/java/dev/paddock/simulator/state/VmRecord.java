package dev.paddock.simulator.state;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @JsonProperty("mac")
    public String mac = "";
    /** The loopback address its guest services use while it runs (127.x.y.z). */
    public String ip = "";

    public String owner = "";
    public boolean template;
    public long startedAtMillis;
    public long guestPid;
    public @Nullable String currentSnapshot;
    public List<Snapshot> snapshots = new ArrayList<>();

    // Settings `prlctl set` changes (PD's list labels in comments).
    public boolean cpusAuto;
    public boolean memoryAuto;
    /** "Hardware.cpu.type": {@code arm} or {@code x86}; empty means the host's. */
    public String cpuType = "";
    /** "Boot order". */
    public String bootOrder = "hdd0 cdrom0 net0";
    /** "EFI Secure boot". */
    public String efiSecureBoot = "off";
    /** "Allow select boot device". */
    public String selectBootDevice = "off";
    /** "External boot device". */
    public String externalBootDevice = "";
    /** "Time Synchronization". */
    public boolean timeSync = true;

    public String timeSyncSmartMode = "on";
    public String timezoneSyncDisabled = "off";
    public int timeSyncIntervalSeconds = 60;
    /** "Advanced.Rosetta Linux". */
    public String rosettaLinux = "off";
    /** Devices beyond hdd0 and net0 ({@code cdrom0}, {@code serial0}...), each with its options. */
    public Map<String, Map<String, String>> devices = new LinkedHashMap<>();
    /** "Host Shared Folders": name → host path. */
    public Map<String, String> sharedFolders = new LinkedHashMap<>();

    // Derived, not stored: as a bean property "mac" would overwrite the MAC address field when the record is written.
    @JsonIgnore
    public boolean isMac() {
        return "macvm".equals(bundleType);
    }

    @JsonIgnore
    public boolean isRunning() {
        return "running".equals(state);
    }

    @JsonIgnore
    public String bracedId() {
        return "{" + uuid + "}";
    }
}
