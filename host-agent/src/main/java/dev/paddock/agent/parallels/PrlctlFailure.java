package dev.paddock.agent.parallels;

import java.util.List;

/**
 * prlctl exited non-zero. The message is PD's own stderr line, which is what users of Parallels recognise, so it is
 * passed on to clients as the problem detail.
 */
public final class PrlctlFailure extends RuntimeException {

    private final List<String> command;
    private final int exitCode;
    private final String stderr;

    PrlctlFailure(List<String> command, int exitCode, String stderr) {
        super(stderr.isBlank() ? String.join(" ", command) + " failed with exit code " + exitCode : stderr.strip());
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public List<String> command() {
        return command;
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    /** PD says the VM does not exist. */
    public boolean isNotFound() {
        return stderr.contains("could not be found") || stderr.contains("does not exist");
    }
}
