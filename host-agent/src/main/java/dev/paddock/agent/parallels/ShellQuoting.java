package dev.paddock.agent.parallels;

/** POSIX shell quoting, for the few places where a command line is handed to a shell as one string. */
public final class ShellQuoting {

    private ShellQuoting() {}

    /** {@code it's} → {@code 'it'\''s'}: one word for any POSIX shell, whatever it contains. */
    public static String quote(String word) {
        if (!word.isEmpty() && word.chars().allMatch(ShellQuoting::plain)) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean plain(int c) {
        return Character.isLetterOrDigit(c) || "-_./=:@%+,".indexOf(c) >= 0;
    }
}
