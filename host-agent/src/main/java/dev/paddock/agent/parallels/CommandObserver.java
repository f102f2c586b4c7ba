package dev.paddock.agent.parallels;

import org.jspecify.annotations.Nullable;

/**
 * Hears every finished command with what it printed. The contract suite uses one to record what a real Mac's PD prints
 * into the corpus format; the agent itself has none.
 */
public interface CommandObserver {

    void finished(PdCommand command, @Nullable String owner, CommandRunner.Output output);
}
