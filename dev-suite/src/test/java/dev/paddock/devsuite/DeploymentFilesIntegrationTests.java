package dev.paddock.devsuite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.paddock.catalog.CatalogProperties;
import dev.paddock.common.security.PaddockSecurityProperties;
import dev.paddock.edge.EdgeProperties;
import dev.paddock.testsupport.ApiClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The deployment files checked with the real tools that run without a container engine or a cluster: Compose's own
 * validator, Helm's renderer, the built jars' layer list, shellcheck and a staged run of the macOS installer; the
 * Grafana dashboard's queries against the metrics the running services really export.
 */
@ResourceLock(SharedSuite.LOCK)
class DeploymentFilesIntegrationTests {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final YAMLMapper YAML = YAMLMapper.builder().build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> HELM_SECRETS = List.of(
            "--set", "secrets.rootPassword=Pd-Example-Passw0rd",
            "--set", "secrets.secretKey=a2V5",
            "--set", "secrets.edgeApiKey=ZWRnZTprZXk=",
            "--set", "secrets.databasePassword=db");

    @TempDir
    Path temp;

    record Run(int exitCode, String output) {}

    @Test
    void composeFileValidatesAndPublishesOnlyTheEdgeAndGrafana() throws Exception {
        Run config = run(List.of(
                "docker-compose", "--env-file", "deploy/compose.env.example", "-f", "docker-compose.yml", "config"));
        assertThat(config.exitCode()).as(config.output()).isZero();

        JsonNode compose = YAML.readTree(config.output());
        JsonNode services = compose.path("services");
        assertThat(names(services))
                .contains(
                        "postgres",
                        "minio",
                        "orchestrator",
                        "catalog",
                        "edge",
                        "prometheus",
                        "grafana",
                        "otel-collector");
        Set<String> published = new LinkedHashSet<>();
        services.properties().forEach(service -> {
            if (!service.getValue().path("ports").isEmpty()) {
                published.add(service.getKey());
            }
        });
        assertThat(published).containsExactlyInAnyOrder("edge", "grafana");
        for (String service : List.of("orchestrator", "catalog", "edge")) {
            JsonNode definition = services.path(service);
            assertThat(definition.path("read_only").asBoolean())
                    .as(service + " read-only")
                    .isTrue();
            assertThat(definition.path("build").path("dockerfile").asString()).isEqualTo("deploy/docker/Dockerfile");
            String module =
                    definition.path("build").path("args").path("SERVICE").asString();
            assertThat(REPOSITORY.resolve(module))
                    .as(service + " builds an existing module")
                    .isDirectory();
        }
        for (JsonNode service : services) {
            for (JsonNode volume : service.path("volumes")) {
                if (volume.path("type").asString().equals("bind")) {
                    assertThat(Path.of(volume.path("source").asString()))
                            .as("mounted file")
                            .exists();
                }
            }
        }
    }

    /**
     * The environment variables Compose and Helm set are bound with Spring Boot's own rules to the settings the
     * services read, so a misspelt or unmapped variable (silently ignored by a running service) fails here.
     */
    @Test
    void composeAndHelmEnvironmentsReachTheServicesSettings() throws Exception {
        Run config = run(List.of(
                "docker-compose", "--env-file", "deploy/compose.env.example", "-f", "docker-compose.yml", "config"));
        JsonNode services = YAML.readTree(config.output()).path("services");
        Map<String, JsonNode> rendered = new LinkedHashMap<>();
        for (JsonNode document : template()) {
            if (document.path("kind").asString().equals("Deployment")) {
                rendered.put(document.path("metadata").path("name").asString(), document);
            }
        }

        for (Map<String, String> edge : List.of(
                environment(services.path("edge").path("environment")),
                helmEnvironment(rendered.get("t-paddock-edge")))) {
            Binder binder = binder(edge);
            EdgeProperties properties = binder.bindOrCreate("paddock.edge", EdgeProperties.class);
            assertThat(properties.vmDomain()).isEqualTo(edge.get("PADDOCK_EDGE_VMDOMAIN"));
            assertThat(properties.upstreams().orchestrator().toString())
                    .isEqualTo(edge.get("PADDOCK_EDGE_UPSTREAMS_ORCHESTRATOR"));
            assertThat(properties.upstreams().catalog().toString())
                    .isEqualTo(edge.get("PADDOCK_EDGE_UPSTREAMS_CATALOG"));
            PaddockSecurityProperties security =
                    binder.bindOrCreate("paddock.security", PaddockSecurityProperties.class);
            assertThat(String.valueOf(security.orchestratorUrl()))
                    .isEqualTo(edge.get("PADDOCK_SECURITY_ORCHESTRATORURL"));
            assertThat(security.publicMetrics()).isTrue();
        }
        for (Map<String, String> catalog : List.of(
                environment(services.path("catalog").path("environment")),
                helmEnvironment(rendered.get("t-paddock-catalog")))) {
            CatalogProperties.Storage storage = binder(catalog)
                    .bindOrCreate("paddock.catalog", CatalogProperties.class)
                    .storage();
            assertThat(storage.provider()).isEqualTo("s3");
            assertThat(storage.s3().bucket()).isEqualTo("paddock-images");
            assertThat(String.valueOf(storage.s3().pathStyle()))
                    .isEqualTo(catalog.get("PADDOCK_CATALOG_STORAGE_S3_PATHSTYLE"));
            assertThat(String.valueOf(storage.s3().presignDownloads()))
                    .isEqualTo(catalog.get("PADDOCK_CATALOG_STORAGE_S3_PRESIGNDOWNLOADS"));
            assertThat(storage.s3().endpoint()).startsWith("http");
            assertThat(environmentOf(catalog).getProperty("spring.datasource.url"))
                    .startsWith("jdbc:postgresql://");
        }
        Map<String, String> composeCatalog =
                environment(services.path("catalog").path("environment"));
        assertThat(binder(composeCatalog)
                        .bindOrCreate("paddock.catalog", CatalogProperties.class)
                        .storage()
                        .s3()
                        .accessKey())
                .isEqualTo("paddock");
        assertThat(environmentOf(environment(services.path("orchestrator").path("environment")))
                        .getProperty("management.opentelemetry.tracing.export.otlp.endpoint"))
                .isEqualTo("http://otel-collector:4318/v1/traces");
    }

    private static Map<String, String> environment(JsonNode composeEnvironment) {
        Map<String, String> variables = new LinkedHashMap<>();
        composeEnvironment
                .properties()
                .forEach(entry -> variables.put(entry.getKey(), entry.getValue().asString()));
        return variables;
    }

    /** A Deployment's literal env values (values from Secrets are not needed here). */
    private static Map<String, String> helmEnvironment(JsonNode deployment) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (JsonNode variable : deployment
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0)
                .path("env")) {
            if (variable.has("value")) {
                variables.put(
                        variable.path("name").asString(), variable.path("value").asString());
            }
        }
        return variables;
    }

    private static StandardEnvironment environmentOf(Map<String, String> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
        environment
                .getPropertySources()
                .addFirst(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new HashMap<>(variables)));
        ConfigurationPropertySources.attach(environment);
        return environment;
    }

    private static Binder binder(Map<String, String> variables) {
        return Binder.get(environmentOf(variables));
    }

    @Test
    void composeRefusesToStartWithoutItsSecrets() throws Exception {
        Run config = run(List.of("docker-compose", "-f", "docker-compose.yml", "config", "-q"));

        assertThat(config.exitCode()).isNotZero();
        assertThat(config.output()).contains("in .env");
    }

    @Test
    void imagesCopyTheLayersTheServiceJarsReallyHave() throws Exception {
        String dockerfile = Files.readString(REPOSITORY.resolve("deploy/docker/Dockerfile"));
        List<String> copied = new ArrayList<>();
        Matcher copy = Pattern.compile("COPY --from=layers /build/extracted/([a-z-]+)/")
                .matcher(dockerfile);
        while (copy.find()) {
            copied.add(copy.group(1));
        }
        assertThat(dockerfile).contains("USER 10001", "HEALTHCHECK", "/actuator/health/readiness");

        for (String module : List.of("orchestrator-service", "catalog-service", "reverse-proxy-service")) {
            Path jar = executableJar(module);
            Run layers = run(List.of(
                    ProcessHandle.current().info().command().orElse("java"),
                    "-Djarmode=tools",
                    "-jar",
                    jar.toString(),
                    "list-layers"));
            assertThat(layers.exitCode()).as(layers.output()).isZero();
            assertThat(layers.output().lines().map(String::strip).filter(line -> !line.isEmpty()))
                    .as(module + "'s layers, in the Dockerfile's order")
                    .containsExactlyElementsOf(copied);
        }
    }

    @Test
    void helmChartLintsAndRendersAHighlyAvailableOrchestrator() throws Exception {
        List<String> lint = new ArrayList<>(List.of(helm(), "lint", "deploy/helm/paddock"));
        lint.addAll(HELM_SECRETS);
        Run linted = run(lint);
        assertThat(linted.exitCode()).as(linted.output()).isZero();

        List<JsonNode> rendered = template("--set", "metrics.serviceMonitor.enabled=true");
        Map<String, JsonNode> deployments = new LinkedHashMap<>();
        for (JsonNode document : rendered) {
            if (document.path("kind").asString().equals("Deployment")) {
                deployments.put(document.path("metadata").path("name").asString(), document);
            }
        }
        assertThat(deployments).containsOnlyKeys("t-paddock-orchestrator", "t-paddock-catalog", "t-paddock-edge");
        assertThat(deployments
                        .get("t-paddock-orchestrator")
                        .path("spec")
                        .path("replicas")
                        .asInt())
                .isGreaterThanOrEqualTo(2);
        for (JsonNode deployment : deployments.values()) {
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                    .isTrue();
            JsonNode container = pod.path("containers").get(0);
            assertThat(container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asString())
                    .isEqualTo("/actuator/health/readiness");
            assertThat(container
                            .path("securityContext")
                            .path("readOnlyRootFilesystem")
                            .asBoolean())
                    .isTrue();
        }
        assertThat(rendered)
                .anySatisfy(doc -> assertThat(doc.path("kind").asString()).isEqualTo("ServiceMonitor"));
        assertThat(rendered)
                .anySatisfy(doc -> assertThat(doc.path("kind").asString()).isEqualTo("PodDisruptionBudget"));
        assertThat(template())
                .noneSatisfy(doc -> assertThat(doc.path("kind").asString()).isEqualTo("ServiceMonitor"));

        Run withoutSecrets = run(List.of(helm(), "template", "t", "deploy/helm/paddock"));
        assertThat(withoutSecrets.exitCode()).isNotZero();
        assertThat(withoutSecrets.output()).contains("secrets.rootPassword is required");
        List<String> single = new ArrayList<>(List.of(helm(), "template", "t", "deploy/helm/paddock"));
        single.addAll(HELM_SECRETS);
        single.addAll(List.of("--set", "orchestrator.replicas=1"));
        Run oneReplica = run(single);
        assertThat(oneReplica.exitCode()).isNotZero();
        assertThat(oneReplica.output()).contains("orchestrator.replicas must be 2 or more");
    }

    @Test
    void grafanaDashboardQueriesMetricsTheServicesExport() throws Exception {
        LocalSuite suite = SharedSuite.get();
        JsonNode dashboard = JSON.readTree(
                REPOSITORY.resolve("deploy/grafana/dashboards/paddock.json").toFile());
        // A request through the edge, so its per-route meters exist.
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(URI.create(suite.edgeUrl() + "/api/v1/health/probe"))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        StringBuilder exported = new StringBuilder();
        for (String url : List.of(
                suite.orchestratorUrl(),
                suite.catalogUrl(),
                "http://localhost:" + suite.ports().edgeAdmin())) {
            HttpResponse<String> scrape = http.send(
                    HttpRequest.newBuilder(URI.create(url + "/actuator/prometheus"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(url).isEqualTo(200);
            exported.append(scrape.body());
        }

        Set<String> queried = new LinkedHashSet<>();
        Matcher metric =
                Pattern.compile("\\b((?:paddock|http|jvm|hikaricp)_[a-z_]+)").matcher("");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                metric.reset(target.path("expr").asString());
                while (metric.find()) {
                    queried.add(metric.group(1));
                }
            }
        }
        assertThat(queried).hasSizeGreaterThan(8);
        for (String name : queried) {
            assertThat(exported.toString())
                    .as("a dashboard query's metric " + name)
                    .contains(name);
        }

        // The fleet gauges count what the API lists (they are refreshed at most every 10 s).
        String token = new ApiClient(suite.edgeUrl()).login("root", suite.rootPassword());
        CatalogEndToEnd.await(
                () -> {
                    int listed = new ApiClient(suite.edgeUrl())
                            .get("/api/v1/orchestrator/hosts", Map.of("Authorization", "Bearer " + token))
                            .body()
                            .size();
                    return listed > 0 && listed == hostsCounted(http, suite.orchestratorUrl());
                },
                "the fleet gauge to count the listed hosts");
    }

    /** The sum of {@code paddock_fleet_hosts} over its states, as the orchestrator exports it. */
    private static long hostsCounted(HttpClient http, String orchestrator) {
        try {
            String scrape = http.send(
                            HttpRequest.newBuilder(URI.create(orchestrator + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher gauge = Pattern.compile("(?m)^paddock_fleet_hosts\\{[^}]*} ([0-9.]+)$")
                    .matcher(scrape);
            double total = 0;
            while (gauge.find()) {
                total += Double.parseDouble(gauge.group(1));
            }
            return Math.round(total);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void macInstallerPassesShellcheckAndStagesADaemonThatReadsAPrivateConfig() throws Exception {
        Path installer = REPOSITORY.resolve("install/macos/install-agent.sh");
        Run lint = run(List.of("shellcheck", installer.toString()));
        assertThat(lint.exitCode()).as(lint.output()).isZero();

        Path root = temp.resolve("mac");
        Path jar = executableJar("host-agent");
        Run installed = run(List.of(
                installer.toString(),
                "install",
                "--root",
                root.toString(),
                "--orchestrator",
                "https://paddock.test",
                "--token",
                "enroll-me",
                "--jar",
                jar.toString(),
                "--name",
                "mac-mini-07",
                "--tags",
                "arm64"));
        assertThat(installed.exitCode()).as(installed.output()).isZero();
        assertThat(installed.output()).contains("launchctl bootstrap system");

        Path config = root.resolve("usr/local/etc/paddock/agent.env");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config)))
                .isEqualTo("rw-------");
        assertThat(Files.readString(config))
                .contains("PADDOCK_ENROLLMENT_TOKEN=enroll-me", "PADDOCK_AGENT_FLEET_NAME=mac-mini-07");
        assertThat(Files.mismatch(jar, root.resolve("usr/local/paddock/host-agent.jar")))
                .isEqualTo(-1);
        Path plist = root.resolve("Library/LaunchDaemons/dev.paddock.agent.plist");
        Run parsed = run(List.of(
                "python3",
                "-c",
                "import plistlib,sys; p=plistlib.load(open(sys.argv[1],'rb')); "
                        + "print(p['Label'], p['ProgramArguments'][0], p['KeepAlive']['SuccessfulExit'])",
                plist.toString()));
        assertThat(parsed.output().strip()).isEqualTo("dev.paddock.agent /usr/local/paddock/run-agent.sh False");

        Run upgraded =
                run(List.of(installer.toString(), "upgrade", "--root", root.toString(), "--jar", jar.toString()));
        assertThat(upgraded.exitCode()).as(upgraded.output()).isZero();
        assertThat(upgraded.output()).contains("kickstart -k system/dev.paddock.agent");
        Run missingToken = run(List.of(
                installer.toString(),
                "install",
                "--root",
                root.toString(),
                "--orchestrator",
                "https://x",
                "--jar",
                jar.toString()));
        assertThat(missingToken.exitCode()).isNotZero();
        assertThat(missingToken.output()).contains("--token is required", "enrollment-token");

        Run removed = run(List.of(installer.toString(), "uninstall", "--root", root.toString(), "--purge"));
        assertThat(removed.exitCode()).as(removed.output()).isZero();
        try (Stream<Path> left = Files.walk(root)) {
            assertThat(left.filter(Files::isRegularFile)).isEmpty();
        }
    }

    private List<JsonNode> template(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(helm(), "template", "t", "deploy/helm/paddock"));
        command.addAll(HELM_SECRETS);
        command.addAll(List.of(extra));
        Run rendered = run(command);
        assertThat(rendered.exitCode()).as(rendered.output()).isZero();
        List<JsonNode> documents = new ArrayList<>();
        try (var parser = YAML.createParser(rendered.output())) {
            for (var it = YAML.readValues(parser, JsonNode.class); it.hasNext(); ) {
                JsonNode document = it.next();
                if (document != null && !document.isNull() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        }
        return documents;
    }

    /** Helm from PATH or as bin/paddock-test fetched it; the check fails rather than skips without it. */
    private static String helm() {
        String configured = System.getenv("PADDOCK_HELM");
        if (configured != null && Files.isExecutable(Path.of(configured))) {
            return configured;
        }
        Path fetched = REPOSITORY.resolve(".tools/helm/helm");
        if (Files.isExecutable(fetched)) {
            return fetched.toString();
        }
        return "helm";
    }

    private static Path executableJar(String module) throws IOException {
        try (Stream<Path> jars = Files.list(REPOSITORY.resolve(module).resolve("target"))) {
            return jars.filter(path -> path.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no executable jar of " + module + "; build it first"));
        }
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.properties().forEach(entry -> names.add(entry.getKey()));
        return names;
    }

    private static Run run(List<String> command) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(REPOSITORY.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError(
                    command.getFirst() + " is not installed; bin/paddock-test installs it (" + e.getMessage() + ")");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }
}
