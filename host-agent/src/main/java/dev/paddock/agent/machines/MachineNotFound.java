package dev.paddock.agent.machines;

import dev.paddock.common.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** No VM with that id or name on this host. */
final class MachineNotFound extends ProblemException {

    MachineNotFound(String idOrName) {
        super(
                HttpStatus.NOT_FOUND,
                "vm-not-found",
                "VM not found",
                "No VM with id or name '" + idOrName + "' on this host.");
    }
}
