package dev.paddock.simulator.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus of Parallels Desktop's real output formats ({@code src/main/resources/pd-corpus/}): one file per case,
 * a header of {@code # key: value} lines ({@code command}, {@code exit}, {@code stream}, {@code compare}, one or more
 * {@code evidence}, zero or more {@code silent}, {@code recorded}), a {@code ---} line, then the output verbatim.
 * {@code index.txt} lists every file, because a directory inside a jar cannot be listed portably.
 *
 * <p>{@code compare} says how a fake is held to an entry: {@code json-keys} (text before the first line starting with
 * {@code {} or {@code [} compared literally, then every JSON value in order with the same keys recursively, values
 * free, keys that are UUIDs normalised), {@code text} (identical after UUIDs, IPv4 addresses and numbers are
 * normalised on both sides), {@code lines} (each body line is a regular expression the output's line must match, same
 * number of lines) or {@code none} (an illustration for the agent, not comparable).
 */
public final class PdCorpus {

    private static final String FOLDER = "/pd-corpus/";

    private PdCorpus() {}

    /** One recorded case, by its file name with extension, e.g. {@code entry("prlsrvctl-user-list-json.out")}. */
    public static CorpusEntry entry(String name) {
        try (InputStream in = PdCorpus.class.getResourceAsStream(FOLDER + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus entry " + name);
            }
            return CorpusEntry.parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every entry, in the order of {@code index.txt}. */
    public static List<CorpusEntry> all() {
        try (InputStream in = PdCorpus.class.getResourceAsStream(FOLDER + "index.txt")) {
            if (in == null) {
                throw new IllegalStateException("pd-corpus/index.txt is missing from the classpath");
            }
            List<CorpusEntry> entries = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    entries.add(entry(line.strip()));
                }
            }
            return List.copyOf(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
