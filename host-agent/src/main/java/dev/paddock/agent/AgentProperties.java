package dev.paddock.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the host agent ({@code paddock.agent.*}).
 *
 * @param prlctlPath the prlctl executable (the simulator's bin/prlctl on Linux)
 * @param prlsrvctlPath the prlsrvctl executable
 * @param runAsOwner run each VM's commands as its macOS owner ({@code sudo -n -u <owner>}); off for single-user hosts
 *     and the simulator
 * @param commandTimeout how long one prlctl command may take before it is killed (long operations set their own)
 * @param longCommandTimeout for clone, register and other copies of whole bundles
 * @param maxConcurrentCommands control commands (list, power, set, clone…) allowed at once, so a burst of requests
 *     cannot swamp the host
 * @param maxConcurrentGuestCommands guest commands ({@code prlctl exec}, uploads) allowed at once; kept apart from the
 *     control commands so long guest work cannot starve them
 * @param maxExecsPerMacOsVm guest commands at once in one macOS VM: macOS refuses "simultaneous logon attempts" beyond a
 *     few (the reference allows 2, main.go:58-60)
 * @param tools the paths of the host tools the driver runs besides prlctl and prlsrvctl
 * @param vmFolder where new bundles go when a request names none; default PD's per-user folder
 * @param vmFolders the only folders bundles may be registered from or cloned into; default PD's VM folders
 * @param reserved capacity kept for the host itself, as in the reference
 * @param hostname name reported for this host; default the machine's
 * @param commandEnvironment extra environment for prlctl/prlsrvctl (e.g. {@code PADDOCK_SIM_HOME} for the simulator)
 * @param inventory how the VM cache is kept current
 * @param fleet how this host joins an orchestrator's fleet
 * @param catalog where golden images come from and how many are kept on this host
 */
@Validated
@ConfigurationProperties("paddock.agent")
public record AgentProperties(
        @DefaultValue("/usr/local/bin/prlctl") Path prlctlPath,
        @DefaultValue("/usr/local/bin/prlsrvctl") Path prlsrvctlPath,
        @DefaultValue("true") boolean runAsOwner,
        @DefaultValue("3m") Duration commandTimeout,
        @DefaultValue("60m") Duration longCommandTimeout,
        @DefaultValue("16") @Min(1) int maxConcurrentCommands,
        @DefaultValue("32") @Min(1) int maxConcurrentGuestCommands,
        @DefaultValue("2") @Min(1) int maxExecsPerMacOsVm,
        @DefaultValue @Valid Tools tools,
        @Nullable Path vmFolder,
        @DefaultValue List<Path> vmFolders,
        @DefaultValue @Valid Reserved reserved,
        @Nullable String hostname,
        @DefaultValue Map<String, String> commandEnvironment,
        @DefaultValue @Valid Inventory inventory,
        @DefaultValue @Valid Fleet fleet,
        @DefaultValue @Valid Catalog catalog) {

    /**
     * @param url the catalog's (or the edge's) base URL; pushes, pulls and VM creation from a manifest need it
     * @param cacheFolder the pack cache: chunks of pulled images, kept so a re-pull or a new version costs only what
     *     changed
     * @param keepFreeMb disk space pulls and the cache leave free; least recently used images are evicted to keep it
     * @param maxCacheSizeMb largest the pack cache may grow (0: limited only by {@code keepFreeMb})
     * @param parallelism chunks compressed, uploaded or fetched at once; each costs about 17 MiB of heap in a push
     */
    public record Catalog(
            @Nullable URI url,
            @DefaultValue(".paddock-agent/pack-cache") Path cacheFolder,
            @DefaultValue("5000") @Min(0) long keepFreeMb,
            @DefaultValue("0") @Min(0) long maxCacheSizeMb,
            @DefaultValue("4") @Min(1) int parallelism) {}

    /**
     * @param orchestratorUrl the orchestrator to enroll with and report to; no fleet membership when unset
     * @param enrollmentToken single-use token from an operator ({@code PADDOCK_ENROLLMENT_TOKEN}); needed only until enrolled
     * @param advertiseUrl the URL the orchestrator reaches this agent at; default {@code http://<hostname>:<port>}
     * @param name the host's name in the fleet; default the hostname
     * @param tags scheduling tags of this host
     * @param stateFile where the host id and secret received at enrollment are kept (owner-only)
     */
    public record Fleet(
            @Nullable URI orchestratorUrl,
            @Nullable String enrollmentToken,
            @Nullable URI advertiseUrl,
            @Nullable String name,
            @DefaultValue List<String> tags,
            @DefaultValue(".paddock-agent/fleet.json") Path stateFile) {}

    /**
     * The host tools besides prlctl and prlsrvctl, at their macOS paths by default (the simulator ships stand-ins).
     *
     * @param prlcopy PD's guest copy tool (PD 20.2 and later)
     * @param sysctl host hardware: memory, CPUs, CPU model
     * @param uname host architecture
     * @param chown hands bundles the agent wrote to their VM's owner
     * @param sudo runs commands as a VM's owner
     * @param script gives the event stream a pseudo-terminal, so PD's output is not block-buffered
     */
    public record Tools(
            @DefaultValue("/usr/local/bin/prlcopy") Path prlcopy,
            @DefaultValue("/usr/sbin/sysctl") Path sysctl,
            @DefaultValue("/usr/bin/uname") Path uname,
            @DefaultValue("/usr/sbin/chown") Path chown,
            @DefaultValue("/usr/bin/sudo") Path sudo,
            @DefaultValue("/usr/bin/script") Path script) {}

    /**
     * @param refreshInterval full re-list period, a safety net under the event stream
     * @param eventStream follow {@code prlctl monitor-events}; off only for diagnosis
     * @param maxBackoff longest wait before restarting a lost event stream
     * @param eventTerminal run the event stream under a pseudo-terminal ({@code script}); off only where there is no
     *     {@code script} (events then arrive in blocks)
     * @param guestAddressInterval how often a running macOS guest without a known address is asked for it
     */
    public record Inventory(
            @DefaultValue("60s") Duration refreshInterval,
            @DefaultValue("true") boolean eventStream,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("true") boolean eventTerminal,
            @DefaultValue("30s") Duration guestAddressInterval) {}

    /**
     * @param cpus logical CPUs kept for macOS itself
     * @param memoryMb memory kept for macOS itself
     * @param diskMb disk kept free
     */
    public record Reserved(
            @DefaultValue("1") @Min(0) int cpus,
            @DefaultValue("2048") @Min(0) long memoryMb,
            @DefaultValue("20000") @Min(0) long diskMb) {}
}
