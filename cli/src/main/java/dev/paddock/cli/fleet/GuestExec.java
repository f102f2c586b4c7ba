package dev.paddock.cli.fleet;

import dev.paddock.cli.api.PaddockApi;
import dev.paddock.cli.api.Paths;
import dev.paddock.contracts.fleet.FleetApi;
import java.io.PrintWriter;
import java.util.Map;

/** Runs a command in a VM with its output streamed to this terminal as the guest writes it. */
public final class GuestExec {

    private GuestExec() {}

    /** Prints the guest's stdout and stderr line by line as they arrive; answers the guest command's exit code. */
    public static int run(PaddockApi api, String vm, String command, PrintWriter out, PrintWriter err) {
        int[] exitCode = {0};
        api.streamLines(
                "PUT",
                FleetApi.MACHINES + "/" + Paths.segment(vm) + "/execute/stream",
                Map.of("command", command),
                line -> {
                    if (line.has("exit_code")) {
                        exitCode[0] = line.path("exit_code").asInt();
                        return;
                    }
                    PrintWriter target = line.path("stream").asString().equals("stderr") ? err : out;
                    target.print(line.path("data").asString(""));
                    target.flush();
                });
        return exitCode[0];
    }
}
