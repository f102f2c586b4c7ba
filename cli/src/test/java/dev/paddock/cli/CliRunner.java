package dev.paddock.cli;

import dev.paddock.cli.config.ConfigStore;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/** Runs the CLI in-process with its own config file, environment, standard input and captured output. */
final class CliRunner {

    private final Path config;
    private final Map<String, String> environment;

    CliRunner(Path config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    record Result(int exitCode, String out, String err) {}

    Result run(String... args) {
        return runWithInput("", args);
    }

    Result runWithInput(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment env = new CliEnvironment(
                new ConfigStore(config),
                environment,
                Clock.systemUTC(),
                new PrintWriter(out, true),
                new PrintWriter(err, true),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                null);
        int code = PaddockCli.run(env, args);
        return new Result(code, out.toString(), err.toString());
    }
}
