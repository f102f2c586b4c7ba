package dev.paddock.orchestrator.vm;

import dev.paddock.common.problem.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

final class VmProblems {

    private VmProblems() {}

    static ProblemException notFound(String idOrName) {
        return new ProblemException(
                HttpStatus.NOT_FOUND,
                "vm-not-found",
                "VM not found",
                "No VM with id or name '" + idOrName + "' in the fleet.");
    }

    static ProblemException ambiguous(String name, List<String> hosts) {
        return ProblemException.conflict(
                "vm-name-ambiguous",
                "More than one VM is named '" + name + "' (on hosts " + String.join(", ", hosts)
                        + "); use the VM's id.");
    }

    static ProblemException hostUnavailable(String host, String state, String reason) {
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "host-unavailable",
                "Host unavailable",
                "The VM's host " + host + " is " + state + (reason.isBlank() ? "" : " (" + reason + ")")
                        + "; try again when it is healthy.");
    }
}
