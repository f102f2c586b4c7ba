package dev.paddock.orchestrator.host;

import dev.paddock.common.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** No host with that id or name (that the caller may see). */
public final class HostNotFound extends ProblemException {

    public HostNotFound(String idOrName) {
        super(HttpStatus.NOT_FOUND, "host-not-found", "Host not found", "No host with id or name '" + idOrName + "'.");
    }
}
