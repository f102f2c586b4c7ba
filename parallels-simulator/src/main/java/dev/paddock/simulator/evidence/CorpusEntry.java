package dev.paddock.simulator.evidence;

import dev.paddock.simulator.shell.ShellWords;
import java.util.ArrayList;
import java.util.List;

/**
 * One case of the corpus: the command as a caller would type it, the exit status, which stream the body came from
 * ({@code stdout} or {@code stderr}), how a fake is compared with it, the evidence it rests on, what that evidence
 * leaves open, whether it was recorded on a real Mac, and the output itself.
 */
public record CorpusEntry(
        String name,
        String command,
        int exitCode,
        String stream,
        String compare,
        List<String> evidence,
        List<String> silent,
        String recorded,
        String body) {

    public CorpusEntry {
        evidence = List.copyOf(evidence);
        silent = List.copyOf(silent);
    }

    /** The command split into arguments as a POSIX shell would: blanks separate, single and double quotes group. */
    public List<String> arguments() {
        return ShellWords.split(command, null);
    }

    /** Whether the output is block-structured JSON (possibly after leading text), as {@code json-keys} compares. */
    public boolean isJson() {
        return compare.equals("json-keys");
    }

    /** The body's lines (a trailing newline does not make an extra empty line). */
    public List<String> bodyLines() {
        if (body.isEmpty()) {
            return List.of();
        }
        String trimmed = body.endsWith("\n") ? body.substring(0, body.length() - 1) : body;
        return List.of(trimmed.split("\n", -1));
    }

    static CorpusEntry parse(String name, String text) {
        int separator = text.startsWith("---\n") ? 0 : text.indexOf("\n---\n");
        if (separator < 0) {
            throw new IllegalArgumentException(name + ": no --- line after the header");
        }
        String header = text.substring(0, separator);
        String body = text.substring(separator + (separator == 0 ? 4 : 5));
        String command = null;
        Integer exit = null;
        String stream = null;
        String compare = null;
        String recorded = null;
        List<String> evidence = new ArrayList<>();
        List<String> silent = new ArrayList<>();
        for (String line : header.split("\n")) {
            if (!line.startsWith("# ") || !line.contains(":")) {
                throw new IllegalArgumentException(name + ": header line is not '# key: value': " + line);
            }
            String key = line.substring(2, line.indexOf(':'));
            String value = line.substring(line.indexOf(':') + 1).strip();
            switch (key) {
                case "command" -> command = value;
                case "exit" -> exit = Integer.parseInt(value);
                case "stream" -> stream = value;
                case "compare" -> compare = value;
                case "evidence" -> evidence.add(value);
                case "silent" -> silent.add(value);
                case "recorded" -> recorded = value;
                default -> throw new IllegalArgumentException(name + ": unknown header key " + key);
            }
        }
        if (command == null || exit == null || stream == null || compare == null || recorded == null) {
            throw new IllegalArgumentException(name + ": command, exit, stream, compare and recorded are required");
        }
        if (!List.of("stdout", "stderr").contains(stream)) {
            throw new IllegalArgumentException(name + ": stream must be stdout or stderr");
        }
        if (!List.of("json-keys", "text", "lines", "none").contains(compare)) {
            throw new IllegalArgumentException(name + ": compare must be json-keys, text, lines or none");
        }
        if (evidence.isEmpty()) {
            throw new IllegalArgumentException(name + ": at least one evidence line is required");
        }
        return new CorpusEntry(name, command, exit, stream, compare, evidence, silent, recorded, body);
    }
}
