package dev.paddock.agent.parallels;

import dev.paddock.agent.AgentProperties;
import java.util.List;

/** A {@link CommandRunner} outside a Spring context, for tests of the classes that use one. */
public final class CommandRunners {

    private CommandRunners() {}

    public static CommandRunner of(AgentProperties properties) {
        return new CommandRunner(properties, List.of());
    }
}
