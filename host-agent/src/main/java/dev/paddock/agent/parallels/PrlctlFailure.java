package dev.paddock.agent.parallels;

import java.util.List;

/**
 * A PD tool exited non-zero. The message is PD's own stderr, which is what users of Parallels recognise, so it is passed
 * on to clients as the problem detail; {@link #refusal()} says what it means, from the one table in {@link PdRefusals}.
 */
public final class PrlctlFailure extends RuntimeException {

    private final PdCommand command;
    private final int exitCode;
    private final String stderr;

    PrlctlFailure(PdCommand command, int exitCode, String stderr) {
        super(stderr.isBlank() ? command.display() + " failed with exit code " + exitCode : stderr.strip());
        this.command = command;
        this.exitCode = exitCode;
        this.stderr = stderr;
    }

    public PdCommand command() {
        return command;
    }

    public List<String> arguments() {
        return command.arguments();
    }

    public int exitCode() {
        return exitCode;
    }

    public String stderr() {
        return stderr;
    }

    public PdRefusals.Refusal refusal() {
        return PdRefusals.classify(stderr);
    }

    /** PD says the VM does not exist. */
    public boolean isNotFound() {
        return refusal() == PdRefusals.Refusal.NOT_FOUND;
    }
}
