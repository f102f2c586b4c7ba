package dev.paddock.cli;

import dev.paddock.cli.config.ConfigStore;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What commands read from and write to, gathered so tests can run the CLI in-process with their own config file,
 * environment and captured output.
 */
public record CliEnvironment(
        ConfigStore store,
        Map<String, String> variables,
        Clock clock,
        PrintWriter out,
        PrintWriter err,
        InputStream in,
        @Nullable Console console) {

    public static CliEnvironment system() {
        return new CliEnvironment(
                ConfigStore.fromEnvironment(),
                System.getenv(),
                Clock.systemUTC(),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.in,
                System.console());
    }

    /**
     * Whether a person is at the keyboard (prompts, progress bars) rather than a script. From Java 22 a console exists
     * even when the streams are redirected; {@code Console.isTerminal()} (22+) says whether it is a terminal.
     */
    public boolean interactive() {
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException olderJava) {
            return true;
        }
    }

    /** Reads one line from standard input (for --password-stdin and friends). */
    public String readLine() {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null) {
                throw CliException.usage("Expected a value on standard input, got nothing.");
            }
            return line.strip();
        } catch (IOException e) {
            throw CliException.usage("Could not read standard input: " + e.getMessage());
        }
    }

    /** Asks for a secret without echoing it; only when a person is at the keyboard. */
    public String promptSecret(String prompt, String flagHint) {
        if (console == null) {
            throw CliException.usage("No terminal to ask for the " + prompt.toLowerCase() + "; pass " + flagHint + ".");
        }
        char[] secret = console.readPassword("%s: ", prompt);
        if (secret == null || secret.length == 0) {
            throw CliException.usage(prompt + " is required.");
        }
        return new String(secret);
    }
}
