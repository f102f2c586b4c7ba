package dev.paddock.agent.snapshots;

import dev.paddock.agent.inventory.VmInventory;
import dev.paddock.agent.machines.MachineRequests.SnapshotCreated;
import dev.paddock.agent.machines.MachineRequests.SnapshotNode;
import dev.paddock.agent.machines.MachineRequests.SnapshotTree;
import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Snapshots of one VM. PD reports a flat list with parent ids; the API answers the tree rebuilt from them. */
@Service
public class Snapshots {

    private static final Pattern CREATED = Pattern.compile("\\{([0-9a-fA-F-]{36})\\}");

    private final Machines machines;
    private final ParallelsDesktop parallels;
    private final VmInventory inventory;

    Snapshots(Machines machines, ParallelsDesktop parallels, VmInventory inventory) {
        this.machines = machines;
        this.parallels = parallels;
        this.inventory = inventory;
    }

    public SnapshotTree tree(String vmIdOrName) {
        return new SnapshotTree(buildTree(parallels.snapshots(machines.get(vmIdOrName))));
    }

    public SnapshotCreated create(String vmIdOrName, @Nullable String name, @Nullable String description) {
        Vm vm = machines.get(vmIdOrName);
        String snapshotName = name == null || name.isBlank() ? "Snapshot" : name;
        List<String> arguments = new ArrayList<>(List.of("-n", snapshotName));
        if (description != null && !description.isBlank()) {
            arguments.addAll(List.of("-d", description));
        }
        String output = parallels.vmCommand(vm, "snapshot", arguments);
        Matcher matcher = CREATED.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("prlctl did not print the snapshot id: " + output.strip());
        }
        inventory.snapshotsChanged(vm.id());
        return new SnapshotCreated(matcher.group(1), snapshotName);
    }

    public void delete(String vmIdOrName, String snapshotId, boolean withChildren) {
        Vm vm = machines.get(vmIdOrName);
        requireSnapshot(vm, snapshotId);
        List<String> arguments = new ArrayList<>(List.of("--id", braced(snapshotId)));
        if (withChildren) {
            arguments.add("-c");
        }
        parallels.vmCommand(vm, "snapshot-delete", arguments);
        inventory.snapshotsChanged(vm.id());
    }

    /** Deletes every snapshot: the roots with their children. */
    public void deleteAll(String vmIdOrName) {
        Vm vm = machines.get(vmIdOrName);
        for (SnapshotNode root : buildTree(parallels.snapshots(vm))) {
            parallels.vmCommand(vm, "snapshot-delete", List.of("--id", braced(root.id()), "-c"));
        }
        inventory.snapshotsChanged(vm.id());
    }

    public void revert(String vmIdOrName, String snapshotId, boolean skipResume) {
        Vm vm = machines.get(vmIdOrName);
        requireSnapshot(vm, snapshotId);
        List<String> arguments = new ArrayList<>(List.of("--id", braced(snapshotId)));
        if (skipResume) {
            arguments.add("--skip-resume");
        }
        try {
            parallels.vmCommand(vm, "snapshot-switch", arguments);
        } finally {
            inventory.refresh(vm.id());
            inventory.snapshotsChanged(vm.id());
        }
    }

    private void requireSnapshot(Vm vm, String snapshotId) {
        if (!parallels.snapshots(vm).has(braced(snapshotId))) {
            throw new ProblemException(
                    HttpStatus.NOT_FOUND,
                    "snapshot-not-found",
                    "Snapshot not found",
                    "VM " + vm.name() + " has no snapshot " + snapshotId + ".");
        }
    }

    /** Rebuilds the tree from PD's flat list, children ordered by date. */
    static List<SnapshotNode> buildTree(JsonNode flat) {
        Map<String, List<String>> children = new LinkedHashMap<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        flat.properties().forEach(entry -> {
            byId.put(entry.getKey(), entry.getValue());
            String parent = entry.getValue().path("parent").asString("");
            children.computeIfAbsent(parent, p -> new ArrayList<>()).add(entry.getKey());
        });
        return nodes(children, byId, "");
    }

    private static List<SnapshotNode> nodes(
            Map<String, List<String>> children, Map<String, JsonNode> byId, String parent) {
        List<SnapshotNode> nodes = new ArrayList<>();
        for (String id : children.getOrDefault(parent, List.of())) {
            JsonNode snapshot = byId.get(id);
            nodes.add(new SnapshotNode(
                    Vm.stripBraces(id),
                    snapshot.path("name").asString(""),
                    snapshot.path("date").asString(""),
                    snapshot.path("state").asString(""),
                    snapshot.path("current").asBoolean(false),
                    Vm.stripBraces(parent),
                    nodes(children, byId, id)));
        }
        nodes.sort(Comparator.comparing(SnapshotNode::date));
        return nodes;
    }

    private static String braced(String id) {
        return "{" + Vm.stripBraces(id) + "}";
    }
}
