package dev.paddock.simulator.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a POSIX shell splits a command line into words: the simulated guests' small shell runs commands with it, and the
 * corpus reads its recorded command lines with it (expansion off), so both agree on what a quoted argument is.
 */
public final class ShellWords {

    private ShellWords() {}

    /**
     * Splits {@code command} into words: blanks separate them; single quotes keep everything; double quotes keep all but
     * {@code $} expansions and backslash escapes of {@code " \\ $ `}; a backslash outside quotes escapes the next
     * character. With {@code environment}, {@code $NAME}, {@code ${NAME}} and {@code $1} expand (unset is empty);
     * without, a {@code $} is kept as written.
     */
    public static List<String> split(String command, @Nullable Map<String, String> environment) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '$' && quote == '"') {
                    i = dollar(command, i, environment, word);
                } else if (c == '\\'
                        && quote == '"'
                        && i + 1 < command.length()
                        && "\"\\$`".indexOf(command.charAt(i + 1)) >= 0) {
                    word.append(command.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < command.length()) {
                word.append(command.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else if (c == '$') {
                i = dollar(command, i, environment, word);
                inWord = true;
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static int dollar(
            String command, int dollar, @Nullable Map<String, String> environment, StringBuilder into) {
        if (environment == null) {
            into.append('$');
            return dollar;
        }
        return expand(command, dollar, environment, into);
    }

    private static int expand(String command, int dollar, Map<String, String> environment, StringBuilder into) {
        if (dollar + 1 < command.length() && command.charAt(dollar + 1) == '{') {
            int close = command.indexOf('}', dollar);
            if (close > dollar) {
                into.append(environment.getOrDefault(command.substring(dollar + 2, close), ""));
                return close;
            }
        }
        if (dollar + 1 < command.length() && Character.isDigit(command.charAt(dollar + 1))) {
            into.append(environment.getOrDefault(String.valueOf(command.charAt(dollar + 1)), ""));
            return dollar + 1;
        }
        int end = dollar + 1;
        while (end < command.length()
                && (Character.isLetterOrDigit(command.charAt(end)) || command.charAt(end) == '_')) {
            end++;
        }
        if (end == dollar + 1) {
            into.append('$');
            return dollar;
        }
        into.append(environment.getOrDefault(command.substring(dollar + 1, end), ""));
        return end - 1;
    }
}
