package dev.paddock.edge.gateway.http;

import static dev.paddock.edge.routes.TestSnapshots.host;
import static dev.paddock.edge.routes.TestSnapshots.route;
import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.edge.gateway.Upstream;
import dev.paddock.edge.gateway.http.Destination.ClientTunnel;
import dev.paddock.edge.gateway.http.Destination.HostRoute;
import dev.paddock.edge.gateway.http.Destination.Refused;
import dev.paddock.edge.gateway.http.Destination.VmAddress;
import dev.paddock.edge.routes.RouteSnapshot;
import dev.paddock.edge.routes.TestSnapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTests {

    private final Upstream orchestrator = new Upstream("orchestrator", "o", 1);
    private final Routing routing = new Routing(
            new RouteTable(orchestrator, new Upstream("catalog", "c", 2), new Upstream("edge", "e", 3)), "VM.Test");
    private final RouteSnapshot snapshot = TestSnapshots.of(
            host("app", "app.example.com", 0, route("api", "/api", null), route("rest", null, null)),
            host("docs", "docs.example.com", 0, route("only", null, "/v[0-9]+/")),
            host("own", "own.example.com", 9443, route("all", null, null)));

    @ParameterizedTest(name = "Host {0} {1} -> host {2}, route {3}")
    @CsvSource({
        "app.example.com,       /api/users,   app,  api",
        "APP.example.com:8080,  /index.html,  app,  rest",
        "app.example.com.,      /x?y=1,       app,  rest",
        "docs.example.com,      /v2/page,     docs, only",
        "docs.example.com,      /about,       docs, ''",
    })
    void choosesAReverseProxyHostByHostnameAndItsFirstMatchingRoute(
            String hostHeader, String uri, String hostName, String routeId) {
        Destination destination = routing.resolve(snapshot, null, hostHeader, uri);

        assertThat(destination).isInstanceOfSatisfying(HostRoute.class, host -> {
            assertThat(host.served().host().name()).isEqualTo(hostName);
            assertThat(host.route() == null ? "" : host.route().route().id()).isEqualTo(routeId);
        });
    }

    @Test
    void servesAHostWithItsOwnListenerByPortWhateverTheHostHeaderSays() {
        assertThat(routing.resolve(snapshot, 9443, "anything", "/"))
                .isInstanceOfSatisfying(
                        HostRoute.class,
                        host -> assertThat(host.served().host().name()).isEqualTo("own"));
        assertThat(routing.resolve(snapshot, null, "own.example.com", "/api/v1/x"))
                .as("a host with its own port is not a virtual host of the front door")
                .isInstanceOf(RouteTable.Route.class);
    }

    @Test
    void refusesAndClosesWhenAnOwnListenersHostIsGone() {
        assertThat(routing.resolve(snapshot, 7000, "own.example.com", "/"))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.failure().status()).isEqualTo(503);
                    assertThat(refused.failure().type()).isEqualTo("route-removed");
                    assertThat(refused.keepAlive()).isFalse();
                });
    }

    @Test
    void ignoresVirtualHostsWhileRoutesAreDisabled() {
        RouteSnapshot disabled = TestSnapshots.disabled(host("app", "app.example.com", 0, route("r", null, null)));

        assertThat(routing.resolve(disabled, null, "app.example.com", "/api/v1/x"))
                .isInstanceOf(RouteTable.Route.class);
    }

    @ParameterizedTest(name = "{0} -> VM {1} port {2}")
    @CsvSource({
        "web.vm.test,            web,        80",
        "WEB.VM.TEST:8080,       web,        80",
        "web--8443.vm.test,      web,        8443",
        "my-vm--22.vm.test,      my-vm,      22",
        "3f2a-uuid.vm.test.,     3f2a-uuid,  80",
    })
    void readsTheVmAndPortFromAnAutomaticVmHostname(String hostHeader, String vm, int port) {
        assertThat(routing.resolve(snapshot, null, hostHeader, "/"))
                .isInstanceOfSatisfying(VmAddress.class, address -> {
                    assertThat(address.vm()).isEqualTo(vm);
                    assertThat(address.port()).isEqualTo(port);
                });
    }

    @ParameterizedTest
    @CsvSource({".vm.test", "a.b.vm.test"})
    void refusesVmHostnamesThatNameNoVm(String hostHeader) {
        assertThat(routing.resolve(snapshot, null, hostHeader, "/")).isInstanceOfSatisfying(Refused.class, refused -> {
            assertThat(refused.failure().status()).isEqualTo(404);
            assertThat(refused.failure().detail()).contains("names no VM", "<vm name or id>.vm.test");
            assertThat(refused.keepAlive()).isTrue();
        });
    }

    @ParameterizedTest
    @CsvSource({
        "/api/v1/orchestrator/machines/web/tunnel/22, web, 22",
        "/api/orchestrator/machines/3f2a/tunnel/5900,  3f2a, 5900",
    })
    void recognisesAClientsOwnTunnel(String uri, String vm, int port) {
        assertThat(routing.resolve(snapshot, null, "edge.example.com", uri)).isEqualTo(new ClientTunnel(vm, port));
    }

    @Test
    void sendsEverythingElseToTheApiByPath() {
        assertThat(routing.resolve(snapshot, null, "edge.example.com", "/api/machines?x=1"))
                .isEqualTo(new RouteTable.Route(orchestrator, "/api/v1/machines?x=1"));
        assertThat(routing.resolve(snapshot, null, "edge.example.com", "/nothing"))
                .isInstanceOfSatisfying(Refused.class, refused -> {
                    assertThat(refused.failure().status()).isEqualTo(404);
                    assertThat(refused.failure().detail())
                            .isEqualTo("No route for /nothing; the API lives under /api/v1/.");
                });
    }
}
