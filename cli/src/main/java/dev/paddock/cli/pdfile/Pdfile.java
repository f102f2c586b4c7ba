package dev.paddock.cli.pdfile;

import dev.paddock.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A parsed Pdfile: the reference's line-oriented recipe ({@code DIRECTIVE value}, blank lines and {@code #} comments
 * ignored, {@code {{ .env.NAME }}} or {@code {{NAME}}} replaced from the environment first). Every directive of the
 * reference is understood; a line that cannot be understood is an error naming the file and line, never skipped.
 * Fields are mutable so command-line flags can override what the file says.
 */
public final class Pdfile {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*(?:\\.env\\.)?([A-Za-z_][A-Za-z0-9_]*)\\s*}}");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");

    @Nullable String from;

    @Nullable String to;

    boolean insecure;

    @Nullable String prefix;

    @Nullable String username;

    @Nullable String password;

    @Nullable String apiKey;

    final List<String> provider = new ArrayList<>();

    @Nullable String catalogId;

    @Nullable String version;

    @Nullable String architecture;

    @Nullable String localPath;

    @Nullable String description;

    final List<String> tags = new ArrayList<>();
    final List<String> roles = new ArrayList<>();
    final List<String> claims = new ArrayList<>();
    final Map<String, Integer> minimumRequirements = new LinkedHashMap<>();

    @Nullable String compressPackLevel;

    @Nullable String destination;

    @Nullable String machineName;

    @Nullable String owner;

    boolean startAfterPull;
    final List<String> execute = new ArrayList<>();
    /** Empty when CLONE names no clone (a name is made up), null when there is no CLONE line. */
    @Nullable String clone;

    @Nullable String cloneDestination;

    @Nullable String vmRemotePath;

    @Nullable String operation;

    /** Parses a Pdfile's text; {@code source} names it in errors ("build.pdfile:7: ..."). */
    public static Pdfile parse(String text, Map<String, String> environment, String source) {
        Pdfile file = new Pdfile();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String where = source + ":" + (i + 1) + ": ";
            String line = substitute(lines[i], environment, where).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            String directive = parts[0].toUpperCase(Locale.ROOT);
            String value = parts.length > 1 ? parts[1].strip() : "";
            file.apply(directive, value, where);
        }
        return file;
    }

    private static String substitute(String line, Map<String, String> environment, String where) {
        Matcher matcher = VARIABLE.matcher(line);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            String value = environment.get(matcher.group(1));
            if (value == null) {
                throw CliException.usage(where + "the environment variable " + matcher.group(1)
                        + " is not set (used as " + matcher.group() + ").");
            }
            matcher.appendReplacement(result, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private void apply(String directive, String value, String where) {
        switch (directive) {
            case "FROM" -> from = required(directive, value, where);
            case "TO" -> to = required(directive, value, where);
            case "INSECURE" -> insecure = bool(directive, value, where);
            case "PREFIX" -> prefix = required(directive, value, where);
            case "AUTHENTICATE" -> authenticate(value, where);
            case "PROVIDER" -> provider.add(required(directive, value, where));
            case "CATALOG_ID" -> catalogId = required(directive, value, where);
            case "VERSION" -> version = required(directive, value, where);
            case "ARCHITECTURE" -> architecture = required(directive, value, where);
            case "LOCAL_PATH" -> localPath = required(directive, value, where);
            case "DESCRIPTION" -> description = required(directive, value, where);
            case "TAG" -> tags.addAll(list(directive, value, where));
            case "ROLE" -> roles.addAll(list(directive, value, where));
            case "CLAIM" -> claims.addAll(list(directive, value, where));
            case "MINIMUM_REQUIREMENT" -> minimumRequirement(value, where);
            case "COMPRESS_PACK", "IS_COMPRESSED", "FORCE" -> bool(directive, value, where);
            case "COMPRESS_PACK_LEVEL" ->
                compressPackLevel = oneOf(
                        directive,
                        value,
                        where,
                        List.of("best_speed", "balanced", "best_compression", "default", "no_compression"));
            case "DESTINATION" -> destination = required(directive, value, where);
            case "MACHINE_NAME" -> machineName = required(directive, value, where);
            case "OWNER" -> owner = required(directive, value, where);
            case "START_AFTER_PULL" -> startAfterPull = bool(directive, value, where);
            case "EXECUTE" -> execute.add(required(directive, value, where));
            case "CLONE" -> clone = value;
            case "CLONE_DESTINATION", "CLONE_TO" -> cloneDestination = required(directive, value, where);
            case "VM_TYPE" -> oneOf(directive, value, where, List.of("pvm", "macvm"));
            case "VM_SIZE" -> number(directive, value, where);
            case "VM_REMOTE_PATH" -> vmRemotePath = required(directive, value, where);
            case "CLIENT", "CLONE_ID" -> required(directive, value, where);
            case "RUN", "DO", "COMMAND" ->
                operation = oneOf(directive, value, where, List.of("push", "pull", "list", "import", "import-vm"));
            default ->
                throw CliException.usage(where + "unknown directive '" + directive + "'. Known: FROM, TO, INSECURE, "
                        + "PREFIX, AUTHENTICATE, PROVIDER, CATALOG_ID, VERSION, ARCHITECTURE, LOCAL_PATH, DESCRIPTION, "
                        + "TAG, ROLE, CLAIM, MINIMUM_REQUIREMENT, COMPRESS_PACK, COMPRESS_PACK_LEVEL, DESTINATION, "
                        + "MACHINE_NAME, OWNER, START_AFTER_PULL, EXECUTE, CLONE, CLONE_DESTINATION, IS_COMPRESSED, "
                        + "VM_TYPE, VM_SIZE, VM_REMOTE_PATH, FORCE, CLIENT, RUN.");
        }
    }

    private void authenticate(String value, String where) {
        String[] parts = value.split("\\s+", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            throw CliException.usage(where + "AUTHENTICATE takes USERNAME, PASSWORD or API_KEY and a value, e.g. "
                    + "'AUTHENTICATE USERNAME root'.");
        }
        switch (parts[0].toUpperCase(Locale.ROOT)) {
            case "USERNAME" -> username = parts[1].strip();
            case "PASSWORD" -> password = parts[1].strip();
            case "API_KEY", "APIKEY" -> apiKey = parts[1].strip();
            default ->
                throw CliException.usage(
                        where + "AUTHENTICATE takes USERNAME, PASSWORD or API_KEY, got '" + parts[0] + "'.");
        }
    }

    private void minimumRequirement(String value, String where) {
        String[] parts = value.split("\\s+", 2);
        String what = parts[0].toUpperCase(Locale.ROOT);
        if (!List.of("CPU", "MEMORY", "DISK").contains(what) || parts.length < 2) {
            throw CliException.usage(
                    where + "MINIMUM_REQUIREMENT takes CPU, MEMORY or DISK and a number, e.g. 'MINIMUM_REQUIREMENT "
                            + "CPU 4'.");
        }
        minimumRequirements.put(what.toLowerCase(Locale.ROOT), number("MINIMUM_REQUIREMENT " + what, parts[1], where));
    }

    private static String required(String directive, String value, String where) {
        if (value.isEmpty()) {
            throw CliException.usage(where + directive + " needs a value.");
        }
        return value;
    }

    private static boolean bool(String directive, String value, String where) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "1", "" -> true;
            case "false", "no", "0" -> false;
            default -> throw CliException.usage(where + directive + " takes true or false, got '" + value + "'.");
        };
    }

    private static int number(String directive, String value, String where) {
        if (!NUMBER.matcher(value.strip()).matches()) {
            throw CliException.usage(where + directive + " takes a whole number, got '" + value + "'.");
        }
        return Integer.parseInt(value.strip());
    }

    private static List<String> list(String directive, String value, String where) {
        List<String> items = new ArrayList<>();
        for (String item : required(directive, value, where).split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        return items;
    }

    private static String oneOf(String directive, String value, String where, List<String> allowed) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(lower)) {
            throw CliException.usage(
                    where + directive + " takes one of " + String.join(", ", allowed) + ", got '" + value + "'.");
        }
        return lower;
    }
}
