package dev.paddock.edge.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.edge.gateway.FrontDoorIntegrationTests.EchoServer;
import dev.paddock.edge.gateway.listen.FrontDoor;
import dev.paddock.testsupport.ApiClient;
import dev.paddock.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * TLS termination checked with curl against a test CA made by openssl: the API and a virtual host over HTTPS with a
 * wildcard certificate, plain HTTP redirected, a client that does not trust the CA refused, and a renewed certificate
 * served to new connections without a restart.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "paddock.edge.port=0",
            "paddock.edge.tls.enabled=true",
            "paddock.edge.tls.port=0",
            "paddock.edge.tls.redirect-http=true",
            "paddock.edge.tls.reload-interval=1h"
        })
class TlsIntegrationTests {

    static final TestTokens tokens = TestTokens.start();
    static final EchoServer app = new EchoServer("app");
    static final Path pki = createPki();

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("paddock.security.jwt.jwks-uri", tokens::jwksUri);
        registry.add("paddock.edge.upstreams.orchestrator", app::url);
        registry.add("paddock.edge.upstreams.catalog", app::url);
        registry.add(
                "paddock.edge.tls.certificate", () -> pki.resolve("server.pem").toString());
        registry.add(
                "paddock.edge.tls.private-key", () -> pki.resolve("server.key").toString());
    }

    @AfterAll
    static void stop() {
        app.stop();
        tokens.close();
    }

    @Autowired
    FrontDoor frontDoor;

    @LocalServerPort
    int adminPort;

    @Test
    void servesTheApiAndVirtualHostsOverHttpsWithTheWildcardCertificate() throws Exception {
        Result api = curl("https://api.example.test:" + frontDoor.tlsPort() + "/api/health/probe");
        assertThat(api.exitCode()).as(api.output()).isZero();
        assertThat(api.output()).contains("HTTP/1.1 200").contains("\"status\":\"OK\"");

        // The plain front door redirects everything here, so the route is configured on the edge's own API port.
        ApiClient admin = new ApiClient("http://127.0.0.1:" + adminPort);
        String port = app.url().substring(app.url().lastIndexOf(':') + 1);
        admin.post(
                "/api/v1/reverse-proxy/hosts",
                Map.of(
                        "host",
                        "shop.example.test",
                        "http_routes",
                        List.of(Map.of("target_host", "127.0.0.1", "target_port", Integer.parseInt(port)))),
                ApiClient.bearer(tokens.superUser()));
        Result shop = curl("https://shop.example.test:" + frontDoor.tlsPort() + "/cart");
        assertThat(shop.output())
                .contains("HTTP/1.1 200")
                .contains("app GET /cart")
                .contains("x-forwarded-proto: https");
    }

    @Test
    void redirectsPlainHttpToHttps() throws Exception {
        Result plain = run(List.of(
                "curl",
                "-s",
                "-i",
                "--max-time",
                "10",
                "http://127.0.0.1:" + frontDoor.listenerPort() + "/some/page?q=1"));
        assertThat(plain.output()).contains("HTTP/1.1 308");
        assertThat(plain.output()).contains("location: https://127.0.0.1:" + frontDoor.tlsPort() + "/some/page?q=1");
    }

    @Test
    void refusesClientsThatDoNotTrustTheCertificate() throws Exception {
        Result untrusted = run(List.of(
                "curl",
                "-s",
                "--max-time",
                "10",
                "--resolve",
                "api.example.test:" + frontDoor.tlsPort() + ":127.0.0.1",
                "https://api.example.test:" + frontDoor.tlsPort() + "/api/health/probe"));
        assertThat(untrusted.exitCode())
                .as("curl: peer certificate cannot be authenticated")
                .isEqualTo(60);
    }

    @Test
    void aRenewedCertificateIsServedToNewConnectionsWithoutARestart() throws Exception {
        assertThat(curl("https://api.example.test:" + frontDoor.tlsPort() + "/api/health/probe")
                        .output())
                .contains("O=first");

        issueServerCertificate(pki, "renewed", "renewed");
        Files.move(pki.resolve("renewed.pem"), pki.resolve("server.pem"), StandardCopyOption.REPLACE_EXISTING);
        Files.move(pki.resolve("renewed.key"), pki.resolve("server.key"), StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(
                pki.resolve("server.pem"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(frontDoor.reloadCertificate()).isTrue();

        Result renewed = curl("https://api.example.test:" + frontDoor.tlsPort() + "/api/health/probe");
        assertThat(renewed.exitCode()).as(renewed.output()).isZero();
        assertThat(renewed.output()).contains("O=renewed").contains("HTTP/1.1 200");
    }

    // ---- helpers

    private Result curl(String url) throws IOException, InterruptedException {
        return run(List.of(
                "curl",
                "-s",
                "-i",
                "-v",
                "--max-time",
                "10",
                "--cacert",
                pki.resolve("ca.pem").toString(),
                "--resolve",
                "api.example.test:" + frontDoor.tlsPort() + ":127.0.0.1",
                "--resolve",
                "shop.example.test:" + frontDoor.tlsPort() + ":127.0.0.1",
                url));
    }

    record Result(int exitCode, String output) {}

    static Result run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    /** A test CA and a wildcard server certificate for *.example.test it signed (organisation "first"). */
    private static Path createPki() {
        try {
            Path dir = Files.createTempDirectory("edge-pki-");
            openssl(
                    dir,
                    "req",
                    "-x509",
                    "-newkey",
                    "ec",
                    "-pkeyopt",
                    "ec_paramgen_curve:prime256v1",
                    "-nodes",
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=Paddock Test CA");
            issueServerCertificate(dir, "server", "first");
            return dir;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not create the test PKI with openssl: " + e, e);
        }
    }

    private static void issueServerCertificate(Path dir, String name, String organisation)
            throws IOException, InterruptedException {
        Files.writeString(dir.resolve("ext.cnf"), "subjectAltName=DNS:*.example.test,DNS:example.test\n");
        openssl(
                dir,
                "req",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:prime256v1",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/O=" + organisation + "/CN=*.example.test");
        openssl(
                dir,
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                "ca.pem",
                "-CAkey",
                "ca.key",
                "-CAcreateserial",
                "-out",
                name + ".pem",
                "-days",
                "2",
                "-extfile",
                "ext.cnf");
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new UncheckedIOException(new IOException("openssl " + String.join(" ", args) + ": " + output));
        }
    }
}
