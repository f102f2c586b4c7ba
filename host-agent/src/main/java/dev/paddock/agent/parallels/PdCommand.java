package dev.paddock.agent.parallels;

import java.util.List;

/**
 * One invocation of a Parallels Desktop tool (or of the few host tools the driver needs), as a value: which program,
 * its argument list, and the lane it runs in. Built only by {@link Prlctl} and {@link HostTools}, so every argument
 * form the agent sends to PD stands in one place, next to its evidence.
 */
public record PdCommand(Tool tool, List<String> arguments, Lane lane) {

    public PdCommand {
        arguments = List.copyOf(arguments);
    }

    /** The programs the agent runs; their paths come from the agent's settings. */
    public enum Tool {
        PRLCTL,
        PRLSRVCTL,
        PRLCOPY,
        SYSCTL,
        UNAME,
        CHOWN
    }

    /**
     * Where a command waits for a slot and how long it may take. Control commands are short and must never queue
     * behind guest commands that run for an hour (a build in the VM), so the two have separate slots.
     */
    public enum Lane {
        /** list, power, set, snapshots: the default timeout, control slots. */
        CONTROL,
        /** clone, register, delete: copies of whole bundles; the long timeout, control slots. */
        BUNDLE,
        /** exec and uploads into a guest: the long timeout, guest slots. */
        GUEST
    }

    /** How the command reads in logs and messages: {@code prlctl start 1f0e…}. */
    public String display() {
        return tool.name().toLowerCase(java.util.Locale.ROOT) + " " + String.join(" ", arguments);
    }
}
