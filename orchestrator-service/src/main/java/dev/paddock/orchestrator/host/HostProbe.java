package dev.paddock.orchestrator.host;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.orchestrator.agent.AgentClients;
import dev.paddock.orchestrator.agent.AgentTarget;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/** Asks a host's agent for its hardware before the host joins the fleet: nothing unreachable is registered. */
@Component
class HostProbe {

    private final AgentClients agents;

    HostProbe(AgentClients agents) {
        this.agents = agents;
    }

    JsonNode hardware(AgentTarget target) {
        try {
            return agents.asOrchestrator(target, Duration.ofSeconds(15)).hardware();
        } catch (RuntimeException e) {
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "host-unreachable",
                    "Host agent unreachable",
                    "The agent at " + target.url() + " did not answer /api/v1/config/hardware (" + e.getMessage()
                            + "); check its URL and that it trusts this orchestrator.");
        }
    }
}
