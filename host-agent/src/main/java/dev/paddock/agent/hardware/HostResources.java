package dev.paddock.agent.hardware;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.contracts.agent.SystemUsage;
import dev.paddock.contracts.agent.SystemUsage.Usage;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Builds the host report the orchestrator schedules on, with the reference's arithmetic: in use = running VMs,
 * reserved = stopped VMs (they do not count against capacity), available = total − system reserved − in use.
 */
@Service
public class HostResources {

    private final ParallelsDesktop parallels;
    private final HostHardware hardware;
    private final AgentProperties properties;
    private final String version;

    HostResources(
            ParallelsDesktop parallels,
            HostHardware hardware,
            AgentProperties properties,
            ObjectProvider<BuildProperties> build) {
        this.parallels = parallels;
        this.hardware = hardware;
        this.properties = properties;
        BuildProperties info = build.getIfAvailable();
        this.version = info == null ? "dev" : info.getVersion();
    }

    public SystemUsage report() {
        HostHardware.Hardware machine = hardware.hardware();
        JsonNode info = parallels.serverInfo();
        List<Vm> vms = parallels.listAll();
        int cpus = machine.logicalCpus();
        long memoryMb = machine.memoryMb();
        Path vmHome = Path.of(info.path("VM home").asString(System.getProperty("user.home")));
        long diskTotal = 0;
        long diskFree = 0;
        try {
            FileStore store = Files.getFileStore(Files.exists(vmHome) ? vmHome : Path.of("/"));
            diskTotal = store.getTotalSpace() / (1024 * 1024);
            diskFree = store.getUsableSpace() / (1024 * 1024);
        } catch (IOException e) {
            // leave zeros: the orchestrator treats an unknown disk as too small
        }
        List<Vm> running = vms.stream().filter(Vm::usesCapacity).toList();
        List<Vm> stopped = vms.stream().filter(vm -> !vm.usesCapacity()).toList();
        List<String> macRunning =
                running.stream().filter(Vm::isMacOs).map(Vm::name).toList();
        AgentProperties.Reserved reserved = properties.reserved();
        int usedCpus = running.stream().mapToInt(Vm::cpus).sum();
        long usedMemory = running.stream().mapToLong(Vm::memoryMb).sum();
        long usedDisk = vms.stream().mapToLong(Vm::diskMb).sum();

        Usage total = new Usage(machine.physicalCpus(), cpus, memoryMb, diskTotal, 0, diskFree, diskTotal, List.of());
        Usage systemReserved =
                new Usage(reserved.cpus(), reserved.cpus(), reserved.memoryMb(), reserved.diskMb(), 0, 0, 0, List.of());
        Usage inUse = new Usage(usedCpus, usedCpus, usedMemory, usedDisk, 0, 0, 0, macRunning);
        Usage stoppedUsage = new Usage(
                stopped.stream().mapToInt(Vm::cpus).sum(),
                stopped.stream().mapToInt(Vm::cpus).sum(),
                stopped.stream().mapToLong(Vm::memoryMb).sum(),
                stopped.stream().mapToLong(Vm::diskMb).sum(),
                0,
                0,
                0,
                List.of());
        int availableCpus = Math.max(0, cpus - reserved.cpus() - usedCpus);
        Usage available = new Usage(
                availableCpus,
                availableCpus,
                Math.max(0, memoryMb - reserved.memoryMb() - usedMemory),
                Math.max(0, diskFree - reserved.diskMb()),
                0,
                diskFree,
                diskTotal,
                macRunning);
        return new SystemUsage(
                machine.architecture(),
                machine.cpuBrand(),
                version,
                "macOS",
                info.path("OS").asString("").replace("Mac OS X ", ""),
                parallels.version(),
                "valid".equals(info.path("License").path("state").asString("")),
                null,
                List.of("api", "host"),
                false,
                false,
                total,
                systemReserved,
                inUse,
                stoppedUsage,
                available);
    }
}
