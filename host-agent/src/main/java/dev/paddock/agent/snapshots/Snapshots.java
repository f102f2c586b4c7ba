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

    private static final Pattern CREATED =
            Pattern.compile("\\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\}?");

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
        String output = parallels.snapshot(vm, snapshotName, description);
        Matcher matcher = CREATED.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("prlctl did not print the snapshot id: " + output.strip());
        }
        inventory.snapshotsChanged(vm.id());
        return new SnapshotCreated(matcher.group(1), snapshotName);
    }

    public void delete(String vmIdOrName, String snapshotId, boolean withChildren) {
        Vm vm = machines.get(vmIdOrName);
        parallels.deleteSnapshot(vm, requireSnapshot(vm, snapshotId), withChildren);
        inventory.snapshotsChanged(vm.id());
    }

    /** Deletes every snapshot: the roots with their children. */
    public void deleteAll(String vmIdOrName) {
        Vm vm = machines.get(vmIdOrName);
        for (SnapshotNode root : buildTree(parallels.snapshots(vm))) {
            parallels.deleteSnapshot(vm, braced(root.id()), true);
        }
        inventory.snapshotsChanged(vm.id());
    }

    public void revert(String vmIdOrName, String snapshotId, boolean skipResume) {
        Vm vm = machines.get(vmIdOrName);
        String known = requireSnapshot(vm, snapshotId);
        try {
            parallels.switchSnapshot(vm, known, skipResume);
        } finally {
            inventory.refresh(vm.id());
            inventory.snapshotsChanged(vm.id());
        }
    }

    /**
     * The snapshot's id in the form PD listed it. PD's JSON keys may be braced or not (OpenVZ/prlctl strips braces in
     * JSON, PrlOutFormatter.cpp:184-192; the reference trims them, main.go:1553-1592), and ids are compared without
     * regard to case; prlctl accepts both forms back (OVZ Utils.cpp:1726-1740).
     */
    private String requireSnapshot(Vm vm, String snapshotId) {
        String wanted = Vm.stripBraces(snapshotId);
        for (String key : parallels.snapshots(vm).propertyNames()) {
            if (Vm.stripBraces(key).equalsIgnoreCase(wanted)) {
                return braced(key);
            }
        }
        throw new ProblemException(
                HttpStatus.NOT_FOUND,
                "snapshot-not-found",
                "Snapshot not found",
                "VM " + vm.name() + " has no snapshot " + snapshotId + ".");
    }

    /** Rebuilds the tree from PD's flat list, children ordered by date. */
    static List<SnapshotNode> buildTree(JsonNode flat) {
        Map<String, List<String>> children = new LinkedHashMap<>();
        Map<String, JsonNode> byId = new LinkedHashMap<>();
        // Ids and parent ids compared without braces: PD's JSON may use either form (see requireSnapshot).
        flat.properties().forEach(entry -> {
            String id = Vm.stripBraces(entry.getKey());
            byId.put(id, entry.getValue());
            String parent = Vm.stripBraces(entry.getValue().path("parent").asString(""));
            children.computeIfAbsent(parent, p -> new ArrayList<>()).add(id);
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
