package dev.paddock.orchestrator.agent;

import dev.paddock.common.client.ServiceClient;
import dev.paddock.contracts.agent.AgentApi;
import dev.paddock.contracts.agent.CacheListing;
import dev.paddock.contracts.agent.CachedImage;
import dev.paddock.contracts.job.JobView;
import dev.paddock.contracts.machine.CreateMachine;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * One host's agent, spoken to with the reference host API. Errors come back as problems naming the host ("host agent
 * mac-mini-7"): the agent's 4xx pass through to our caller, its 5xx and silence become 502/504.
 */
public final class AgentClient extends ServiceClient {

    private final Consumer<HttpHeaders> credentials;

    AgentClient(RestClient shared, AgentTarget target, Consumer<HttpHeaders> credentials) {
        super(shared, "host agent " + target.hostName(), target.url());
        this.credentials = credentials;
    }

    public JsonNode hardware() {
        return get(AgentApi.HARDWARE);
    }

    /** One VM in PD's own shape, as the agent answers it. */
    public JsonNode machine(String id) {
        return get(AgentApi.machine(id));
    }

    /** Starts the agent's creation job ({@code POST /api/v1/machines/async}); answers the job as it started. */
    public JobView startCreation(CreateMachine request) {
        return exchange(HttpMethod.POST, AgentApi.MACHINES_ASYNC, request, JobView.class);
    }

    /** One of the agent's jobs, now. */
    public JobView job(String id) {
        return exchange(HttpMethod.GET, AgentApi.job(id), null, JobView.class);
    }

    public List<JsonNode> machines() {
        JsonNode list = get(AgentApi.MACHINES);
        List<JsonNode> vms = new ArrayList<>();
        list.forEach(vms::add);
        return vms;
    }

    /** The images in the host's pack cache. */
    public List<CachedImage> cache() {
        return exchange(HttpMethod.GET, AgentApi.CACHE, null, CacheListing.class)
                .manifests();
    }

    /** A read whose answer is text (a service's log). */
    public String text(String path) {
        return call(() -> {
            String answer = failOnError(rest.get()
                            .uri(url(path))
                            .headers(credentials)
                            .accept(MediaType.TEXT_PLAIN)
                            .retrieve())
                    .body(String.class);
            return answer == null ? "" : answer;
        });
    }

    public JsonNode get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    /** Any host-API call, with the body passed as given. */
    public JsonNode exchange(HttpMethod method, String path, @Nullable Object body) {
        return call(() -> {
            RestClient.RequestBodySpec request =
                    rest.method(method).uri(url(path)).headers(credentials).accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            JsonNode answer = failOnError(request.retrieve()).body(JsonNode.class);
            return answer == null ? tools.jackson.databind.node.NullNode.getInstance() : answer;
        });
    }

    /** A host-API call whose answer is one of the typed contracts. */
    public <T> T exchange(HttpMethod method, String path, @Nullable Object body, Class<T> answerType) {
        return call(() -> {
            RestClient.RequestBodySpec request =
                    rest.method(method).uri(url(path)).headers(credentials).accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            T answer = failOnError(request.retrieve()).body(answerType);
            if (answer == null) {
                throw new IllegalStateException(path + " answered no " + answerType.getSimpleName());
            }
            return answer;
        });
    }

    /**
     * A call whose answer is read as it arrives (streamed command output); the caller closes the stream. An error
     * answer becomes a problem before anything is read, like {@link #exchange}'s.
     */
    public InputStream open(HttpMethod method, String path, @Nullable Object body) {
        return call(() -> {
            RestClient.RequestBodySpec request =
                    rest.method(method).uri(url(path)).headers(credentials);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(body);
            }
            ClientHttpResponse answer = request.exchange((sent, response) -> response, false);
            try {
                if (answer.getStatusCode().isError()) {
                    try (answer) {
                        throw problemOf(answer.getStatusCode(), answer.getBody().readAllBytes());
                    }
                }
                return answer.getBody();
            } catch (IOException e) {
                answer.close();
                throw new UncheckedIOException(e);
            }
        });
    }
}
