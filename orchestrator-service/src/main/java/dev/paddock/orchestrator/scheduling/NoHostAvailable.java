package dev.paddock.orchestrator.scheduling;

import dev.paddock.common.problem.ProblemException;
import java.util.List;
import org.springframework.http.HttpStatus;

/** No host could take the VM; the problem lists every host with the reason it was passed over. */
final class NoHostAvailable extends ProblemException {

    NoHostAvailable(String vm, List<Rejection> rejections) {
        super(
                HttpStatus.SERVICE_UNAVAILABLE,
                "no-host-available",
                "No host can take this VM",
                rejections.isEmpty()
                        ? "No host is registered; enroll a host first."
                        : "No host can take " + vm + " now: " + summary(rejections)
                                + ". Free capacity, relax the request, or retry later.");
        with("rejections", rejections);
    }

    private static String summary(List<Rejection> rejections) {
        return String.join(
                "; ",
                rejections.stream().map(r -> r.host() + " (" + r.reason() + ")").toList());
    }
}
