package dev.paddock.orchestrator.identity;

import dev.paddock.common.problem.ProblemException;
import org.springframework.http.HttpStatus;

/** The ways an identity operation can be refused, each with a message that says what to do. */
final class IdentityProblems {

    private IdentityProblems() {}

    static ProblemException userNotFound(String idOrName) {
        return ProblemException.notFound("user-not-found", "No user with id or username '" + idOrName + "'.");
    }

    static ProblemException roleNotFound(String idOrName) {
        return ProblemException.notFound("role-not-found", "No role with id or name '" + idOrName + "'.");
    }

    static ProblemException claimNotFound(String idOrName) {
        return ProblemException.notFound("claim-not-found", "No claim with id or name '" + idOrName + "'.");
    }

    static ProblemException duplicate(String what, String value) {
        return ProblemException.conflict("already-exists", "A " + what + " '" + value + "' already exists.");
    }

    static ProblemException escalation(String grant) {
        return new ProblemException(
                HttpStatus.FORBIDDEN,
                "privilege-escalation",
                "Forbidden",
                "You cannot grant " + grant + ": only a super user may grant what they do not hold themselves.");
    }

    static ProblemException protectedIdentity(String detail) {
        return ProblemException.conflict("protected-identity", detail);
    }

    static ProblemException stillInUse(String detail) {
        return ProblemException.conflict("in-use", detail);
    }
}
