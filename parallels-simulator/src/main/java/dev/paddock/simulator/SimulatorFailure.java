package dev.paddock.simulator;

/** What the real tool would print on stderr, with its exit code. */
public final class SimulatorFailure extends RuntimeException {

    private final int exitCode;

    public SimulatorFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public static SimulatorFailure notFound() {
        return new SimulatorFailure(255, "Failed to get VM config: The virtual machine could not be found.");
    }

    public static SimulatorFailure usage(String message) {
        return new SimulatorFailure(22, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
