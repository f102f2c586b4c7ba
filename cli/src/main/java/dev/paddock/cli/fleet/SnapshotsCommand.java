package dev.paddock.cli.fleet;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.cli.output.Printer.Column;
import dev.paddock.contracts.fleet.FleetApi;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

@Command(
        name = "snapshots",
        aliases = "snapshot",
        description = "A VM's snapshots: list the tree, take, revert to, delete.",
        subcommands = {
            SnapshotsCommand.ListSnapshots.class,
            SnapshotsCommand.Take.class,
            SnapshotsCommand.Revert.class,
            SnapshotsCommand.Delete.class
        })
final class SnapshotsCommand {

    private SnapshotsCommand() {}

    static String path(String vm) {
        return FleetApi.MACHINES + "/" + Paths.segment(vm) + "/snapshots";
    }

    /** The tree as rows, each name indented under its parent, so the table shows the shape. */
    static ArrayNode flatten(JsonNode nodes, int depth, ArrayNode rows) {
        for (JsonNode node : nodes) {
            ObjectNode row = PaddockApi.JSON.createObjectNode();
            node.properties().forEach(field -> {
                if (!field.getKey().equals("children")) {
                    row.set(field.getKey(), field.getValue());
                }
            });
            row.put("tree_name", "  ".repeat(depth) + node.path("name").asString());
            rows.add(row);
            flatten(node.path("children"), depth + 1, rows);
        }
        return rows;
    }

    @Command(name = "list", aliases = "ls", description = "List a VM's snapshots as a tree.")
    static final class ListSnapshots extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        ListSnapshots(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            JsonNode tree = api().get(path(vm)).path("snapshots");
            printer()
                    .print(
                            flatten(tree, 0, PaddockApi.JSON.createArrayNode()),
                            List.of(
                                    Column.field("NAME", "tree_name"),
                                    Column.field("ID", "id"),
                                    Column.field("DATE", "date"),
                                    Column.field("STATE", "state"),
                                    new Column(
                                            "CURRENT",
                                            node -> node.path("current").asBoolean() ? "*" : "")));
        }
    }

    @Command(name = "take", aliases = "create", description = "Take a snapshot of a VM.")
    static final class Take extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        @Option(names = "--name", description = "The snapshot's name.")
        @Nullable String name;

        @Option(names = "--description", description = "What it is for.")
        @Nullable String description;

        Take(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("snapshot_name", name);
            body.put("snapshot_description", description);
            JsonNode taken = api().post(path(vm), body);
            printer()
                    .message(
                            "Took snapshot " + taken.path("snapshot_name").asString() + " ("
                                    + taken.path("snapshot_id").asString() + ") of " + vm + ".",
                            taken);
        }
    }

    @Command(name = "revert", description = "Revert a VM to a snapshot.")
    static final class Revert extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        @Parameters(index = "1", description = "Snapshot id.")
        String snapshot = "";

        @Option(names = "--skip-resume", description = "Leave the VM stopped afterwards.")
        boolean skipResume;

        Revert(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            api().post(path(vm) + "/" + Paths.segment(snapshot) + "/revert", Map.of("skip_resume", skipResume));
            env.out().println("Reverted " + vm + " to " + snapshot + ".");
        }
    }

    @Command(name = "delete", aliases = "rm", description = "Delete a snapshot (or, with --all, every snapshot).")
    static final class Delete extends BaseCommand {
        @Parameters(index = "0", description = "VM id or name.")
        String vm = "";

        @Parameters(index = "1", arity = "0..1", description = "Snapshot id.")
        @Nullable String snapshot;

        @Option(names = "--children", description = "Also delete the snapshots taken after it.")
        boolean children;

        @Option(names = "--all", description = "Delete every snapshot of the VM.")
        boolean all;

        Delete(CliEnvironment env) {
            super(env);
        }

        @Override
        protected void run() {
            if (all == (snapshot != null)) {
                throw CliException.usage("Name one snapshot id, or pass --all.");
            }
            if (all) {
                api().delete(path(vm));
                env.out().println("Deleted every snapshot of " + vm + ".");
            } else {
                api().send("DELETE", path(vm) + "/" + Paths.segment(snapshot), Map.of("delete_children", children));
                env.out().println("Deleted snapshot " + snapshot + " of " + vm + ".");
            }
        }
    }
}
