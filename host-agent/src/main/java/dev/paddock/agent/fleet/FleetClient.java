package dev.paddock.agent.fleet;

import dev.paddock.contracts.fleet.FleetApi;
import dev.paddock.contracts.fleet.HeartbeatAcknowledgement;
import dev.paddock.contracts.fleet.HostCredentials;
import dev.paddock.contracts.fleet.HostHeartbeat;
import dev.paddock.contracts.fleet.RegisterHost;
import dev.paddock.contracts.fleet.VmEvent;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator's fleet API as this agent calls it, on the typed contracts both sides share. Kept to the JDK's HTTP
 * client: the calls are few, and a refused one must say why in words an operator can act on.
 */
final class FleetClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String orchestrator;
    private final JsonMapper json;

    FleetClient(URI orchestrator, JsonMapper json) {
        String url = orchestrator.toString();
        this.orchestrator = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.json = json;
    }

    /** The orchestrator answered with a 4xx: asking again the same way will not help. */
    static final class Refused extends IOException {
        private final int status;

        Refused(int status, String detail) {
            super(detail);
            this.status = status;
        }

        int status() {
            return status;
        }
    }

    /** Joins the fleet with an operator's enrollment token. */
    HostCredentials enroll(String token, RegisterHost request) throws IOException {
        String answer = send(FleetApi.HOSTS, request, FleetApi.ENROLLMENT_TOKEN, token, 201);
        return json.readValue(answer, HostCredentials.class);
    }

    HeartbeatAcknowledgement heartbeat(Membership member, HostHeartbeat beat) throws IOException {
        String answer = send(FleetApi.heartbeat(member.hostId()), beat, FleetApi.HOST_SECRET, member.hostSecret(), 200);
        return json.readValue(answer, HeartbeatAcknowledgement.class);
    }

    void events(Membership member, List<VmEvent> events) throws IOException {
        send(FleetApi.events(member.hostId()), events, FleetApi.HOST_SECRET, member.hostSecret(), 202);
    }

    /** Answers the body of the expected answer. */
    private String send(String path, Object body, String header, String value, int expected) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(orchestrator + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 == 4) {
            throw new Refused(response.statusCode(), detailOf(response));
        }
        if (response.statusCode() != expected) {
            throw new IOException(path + " answered " + response.statusCode() + ": " + detailOf(response));
        }
        return response.body();
    }

    /** A problem's {@code detail}, or the body as it came. */
    private String detailOf(HttpResponse<String> response) {
        try {
            return json.readTree(response.body()).path("detail").asString(response.body());
        } catch (RuntimeException e) {
            return response.body();
        }
    }
}
