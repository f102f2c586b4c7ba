package dev.paddock.orchestrator.event.web;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.orchestrator.event.EventHub;
import dev.paddock.orchestrator.event.EventHub.ClientInfo;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Events")
class EventHubController {

    private final EventHub hub;

    EventHubController(EventHub hub) {
        this.hub = hub;
    }

    record Unsubscribe(@NotBlank String clientId, @NotEmpty List<String> eventTypes) {}

    @GetMapping("/api/v1/ws/clients")
    @RequiresClaims(Claims.READ_ONLY)
    List<ClientInfo> clients() {
        return hub.clients();
    }

    @GetMapping("/api/v1/ws/stats")
    @RequiresClaims(Claims.READ_ONLY)
    Map<String, Object> stats() {
        return hub.stats();
    }

    @PostMapping("/api/v1/ws/unsubscribe")
    @RequiresClaims(Claims.READ_ONLY)
    Map<String, String> unsubscribe(@Valid @RequestBody Unsubscribe request) {
        if (!hub.unsubscribe(request.clientId(), CurrentCaller.require().userId(), request.eventTypes())) {
            throw ProblemException.notFound(
                    "client-not-found", "No event client " + request.clientId() + " of yours on this replica.");
        }
        return Map.of("status", "unsubscribed");
    }
}
