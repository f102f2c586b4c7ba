package dev.paddock.cli.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The whole config file: every context and which one is current. */
public record CliConfig(@Nullable String currentContext, List<CliContext> contexts) {

    public CliConfig {
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    public static CliConfig empty() {
        return new CliConfig(null, List.of());
    }

    public Optional<CliContext> find(String name) {
        return contexts.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /** Adds or replaces a context by name. */
    public CliConfig with(CliContext context) {
        List<CliContext> updated = new ArrayList<>();
        boolean replaced = false;
        for (CliContext existing : contexts) {
            if (existing.name().equals(context.name())) {
                updated.add(context);
                replaced = true;
            } else {
                updated.add(existing);
            }
        }
        if (!replaced) {
            updated.add(context);
        }
        return new CliConfig(currentContext == null ? context.name() : currentContext, updated);
    }

    public CliConfig without(String name) {
        List<CliContext> remaining =
                contexts.stream().filter(c -> !c.name().equals(name)).toList();
        String current = name.equals(currentContext)
                ? remaining.stream().map(CliContext::name).findFirst().orElse(null)
                : currentContext;
        return new CliConfig(current, remaining);
    }

    public CliConfig using(String name) {
        return new CliConfig(name, contexts);
    }
}
