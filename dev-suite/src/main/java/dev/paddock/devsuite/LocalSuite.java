package dev.paddock.devsuite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole suite on one machine: an embedded PostgreSQL, then the orchestrator, the catalog, the edge and one host
 * agent per simulated Mac, each its own process started from its built jar. Data (database, images, simulated VMs,
 * credentials, logs) lives under one directory, so a second start picks up where the first stopped.
 */
public final class LocalSuite implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalSuite.class);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Options options;
    private final List<ServiceProcess> processes = new ArrayList<>();
    private final List<ServiceProcess> agents = new ArrayList<>();
    private @Nullable EmbeddedDatabase database;
    private @Nullable ServiceProcess catalog;
    private String rootPassword = "";
    private Ports ports = new Ports(0, 0, 0, 0, 0, List.of());
    private int s3Port;

    /**
     * A simulated Mac: its name, CPU architecture ({@code arm64} or {@code x86_64}), and whether it starts with two VMs
     * (a macOS and a Linux guest) or empty.
     */
    public record SimulatedHost(String name, String architecture, boolean seeded) {

        public SimulatedHost(String name, String architecture) {
            this(name, architecture, true);
        }
    }

    /**
     * @param repository root of the Paddock checkout (where the built jars are)
     * @param dataDirectory where everything the suite keeps lives
     * @param randomPorts true for tests: every listener on a free port; false: the documented fixed ports
     * @param hosts the simulated Macs
     * @param s3MockJar when set, the catalog keeps images in an S3 bucket served by this S3Mock executable jar (its own
     *     process) instead of a local folder
     */
    public record Options(
            Path repository,
            Path dataDirectory,
            boolean randomPorts,
            List<SimulatedHost> hosts,
            boolean fastHeartbeats,
            @Nullable Path s3MockJar) {

        public Options(Path repository, Path dataDirectory, boolean randomPorts, List<SimulatedHost> hosts) {
            this(repository, dataDirectory, randomPorts, hosts, false, null);
        }

        public Options(
                Path repository, Path dataDirectory, boolean randomPorts, List<SimulatedHost> hosts, boolean fast) {
            this(repository, dataDirectory, randomPorts, hosts, fast, null);
        }
    }

    /** VMs answer at {@code <vm>.vm.localhost}: names under .localhost reach this machine without DNS. */
    public static final String VM_DOMAIN = "vm.localhost";

    /** The golden image a new local fleet starts with (see {@link #seedGoldenImage}). */
    public static final String SEEDED_IMAGE = "ubuntu";

    public static final String SEEDED_VERSION = "24.04";

    /** The bucket the catalog uses when the suite runs on S3. */
    static final String BUCKET = "paddock-images";

    /** The ports the suite listens on. */
    public record Ports(int edge, int orchestrator, int catalog, int edgeAdmin, int postgres, List<Integer> agents) {}

    private LocalSuite(Options options) {
        this.options = options;
    }

    /** Starts everything; on failure stops what was started and rethrows. */
    public static LocalSuite start(Options options) throws IOException, InterruptedException {
        LocalSuite suite = new LocalSuite(options);
        try {
            suite.startAll();
            return suite;
        } catch (IOException | InterruptedException | RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    /** The one URL clients use: the edge's front door. */
    public String apiUrl() {
        return edgeUrl();
    }

    public String edgeUrl() {
        return "http://localhost:" + ports.edge();
    }

    public String orchestratorUrl() {
        return "http://localhost:" + ports.orchestrator();
    }

    public String catalogUrl() {
        return "http://localhost:" + ports.catalog();
    }

    public String agentUrl(int index) {
        return "http://localhost:" + ports.agents().get(index);
    }

    public String rootPassword() {
        return rootPassword;
    }

    public Ports ports() {
        return ports;
    }

    public Path logDirectory() {
        return options.dataDirectory().resolve("logs");
    }

    private void startAll() throws IOException, InterruptedException {
        Path data = options.dataDirectory().toAbsolutePath();
        Files.createDirectories(data);
        ports = options.randomPorts()
                ? randomPorts(options.hosts().size())
                : fixedPorts(options.hosts().size());
        rootPassword = readOrCreateSecret(data.resolve("root-password"), LocalSuite::generatePassword);
        String secretKey = readOrCreateSecret(data.resolve("secret-key"), LocalSuite::generateKey);
        // The edge's API key, given to both the orchestrator (which creates the edge's account) and the edge.
        String edgeApiKey = readOrCreateSecret(data.resolve("edge-api-key"), LocalSuite::generateEdgeKey);

        log.info("Starting PostgreSQL (data in {})", data.resolve("postgres"));
        database = EmbeddedDatabase.start(
                data.resolve("postgres"), ports.postgres(), List.of("orchestrator", "catalog", "edge"));

        if (options.s3MockJar() != null) {
            s3Port = options.randomPorts() ? freePort() : 9090;
            ServiceProcess s3 = ServiceProcess.start(
                    "s3",
                    options.s3MockJar(),
                    "256m",
                    List.of(
                            "--http.port=" + s3Port,
                            "--server.port=" + (options.randomPorts() ? freePort() : 9191),
                            "--com.adobe.testing.s3mock.store.root=" + data.resolve("s3"),
                            "--com.adobe.testing.s3mock.store.retain-files-on-exit=true",
                            "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET),
                    Map.of(),
                    logDirectory(),
                    s3Url() + "/");
            processes.add(s3);
            log.info("Waiting for S3Mock on port {}", s3Port);
            s3.awaitReady(START_TIMEOUT);
        }

        ServiceProcess orchestrator = ServiceProcess.start(
                "orchestrator",
                jar("orchestrator-service"),
                "512m",
                orchestratorArguments(database),
                Map.of(
                        "PADDOCK_ROOT_PASSWORD",
                        rootPassword,
                        "PADDOCK_SECRET_KEY",
                        secretKey,
                        "PADDOCK_EDGE_API_KEY",
                        edgeApiKey),
                logDirectory(),
                orchestratorUrl() + "/actuator/health");
        processes.add(orchestrator);
        // The catalog and the edge start beside the orchestrator: they ask it for signing keys and tokens only when
        // a request needs them, so their start-up (CPU bound, one core each) need not wait for its.
        List<ServiceProcess> rest = new ArrayList<>();
        catalog = startCatalog(database);
        rest.add(catalog);
        rest.add(ServiceProcess.start(
                "edge",
                jar("reverse-proxy-service"),
                "384m",
                List.of(
                        "--server.port=" + ports.edgeAdmin(),
                        "--paddock.edge.port=" + ports.edge(),
                        // Loopback only: simulated guests serve on 127.N.x.y, and an edge on 0.0.0.0:8080 would
                        // take their port 8080 too (and a local suite has no business listening on the network).
                        "--paddock.edge.bind-address=127.0.0.1",
                        "--paddock.edge.upstreams.orchestrator=" + orchestratorUrl(),
                        "--paddock.edge.upstreams.catalog=" + catalogUrl(),
                        "--paddock.edge.vm-domain=" + VM_DOMAIN,
                        // A web UI served by a development server on this machine may call the API.
                        "--paddock.edge.api-cors.allowed-origins=http://localhost:*,http://127.0.0.1:*",
                        "--spring.datasource.url=" + database.jdbcUrl("edge"),
                        "--spring.datasource.username=postgres",
                        "--paddock.security.orchestrator-url=" + orchestratorUrl()),
                Map.of("PADDOCK_EDGE_API_KEY", edgeApiKey),
                logDirectory(),
                "http://localhost:" + ports.edgeAdmin() + "/actuator/health"));
        processes.addAll(rest);
        log.info("Waiting for the orchestrator on port {}", ports.orchestrator());
        orchestrator.awaitReady(START_TIMEOUT);
        SuiteApi root = SuiteApi.loginAsRoot(orchestratorUrl(), rootPassword);
        for (int i = 0; i < options.hosts().size(); i++) {
            agents.add(startAgent(i, root));
        }
        processes.addAll(agents);
        rest.addAll(agents);
        for (ServiceProcess process : rest) {
            log.info("Waiting for {}", process.name());
            process.awaitReady(START_TIMEOUT);
        }
    }

    private List<String> catalogArguments(EmbeddedDatabase database) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + ports.catalog(),
                "--spring.datasource.url=" + database.jdbcUrl("catalog"),
                "--spring.datasource.username=postgres",
                "--paddock.security.orchestrator-url=" + orchestratorUrl()));
        if (options.s3MockJar() == null) {
            arguments.add("--paddock.catalog.storage.local.path=" + catalogStorage());
        } else {
            arguments.addAll(List.of(
                    "--paddock.catalog.storage.provider=s3",
                    "--paddock.catalog.storage.s3.bucket=" + BUCKET,
                    "--paddock.catalog.storage.s3.endpoint=" + s3Url(),
                    "--paddock.catalog.storage.s3.access-key=paddock",
                    "--paddock.catalog.storage.s3.secret-key=paddock-local",
                    "--paddock.catalog.storage.s3.path-style=true",
                    "--paddock.catalog.storage.s3.presign-downloads=true"));
        }
        return arguments;
    }

    private List<String> orchestratorArguments(EmbeddedDatabase database) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + ports.orchestrator(),
                "--spring.datasource.url=" + database.jdbcUrl("orchestrator"),
                "--spring.datasource.username=postgres",
                // Deploying agents over SSH installs this tree's agent with its installer.
                "--paddock.orchestrator.deploy.public-url=" + orchestratorUrl(),
                "--paddock.orchestrator.deploy.agent-jar=" + jar("host-agent"),
                "--paddock.orchestrator.deploy.installer="
                        + options.repository().resolve("install/macos/install-agent.sh")));
        if (options.fastHeartbeats()) {
            arguments.add("--paddock.orchestrator.fleet.heartbeat-interval=1s");
            arguments.add("--paddock.orchestrator.fleet.unhealthy-after=5s");
        }
        return arguments;
    }

    /** Starts (or restarts) the agent of simulated host {@code index}; it enrolls on its first start only. */
    private ServiceProcess startAgent(int index, SuiteApi root) throws IOException, InterruptedException {
        SimulatedHost host = options.hosts().get(index);
        Path hostHome =
                options.dataDirectory().toAbsolutePath().resolve("hosts").resolve(host.name());
        seedIfNew(hostHome, host);
        Path fleetState = hostHome.resolve("fleet.json");
        Map<String, String> environment = new java.util.HashMap<>(simulatorEnvironment(hostHome, host));
        if (!Files.exists(fleetState)) {
            environment.put("PADDOCK_ENROLLMENT_TOKEN", root.enrollmentToken(host.name()));
        }
        return ServiceProcess.start(
                "agent-" + host.name(),
                jar("host-agent"),
                "192m",
                List.of(
                        "--server.port=" + ports.agents().get(index),
                        "--paddock.agent.prlctl-path=" + simulator("prlctl"),
                        "--paddock.agent.prlsrvctl-path=" + simulator("prlsrvctl"),
                        // The simulator's stand-ins for the macOS tools the agent reads hardware with.
                        "--paddock.agent.tools.sysctl=" + simulator("sysctl"),
                        "--paddock.agent.tools.uname=" + simulator("uname"),
                        "--paddock.agent.tools.prlcopy=" + simulator("prlcopy"),
                        "--paddock.agent.run-as-owner=false",
                        "--paddock.agent.hostname=" + host.name(),
                        "--paddock.agent.command-environment.PADDOCK_SIM_HOME=" + hostHome,
                        "--paddock.agent.command-environment.PADDOCK_SIM_ARCH=" + host.architecture(),
                        "--paddock.security.orchestrator-url=" + orchestratorUrl(),
                        "--paddock.agent.fleet.orchestrator-url=" + orchestratorUrl(),
                        "--paddock.agent.fleet.name=" + host.name(),
                        "--paddock.agent.fleet.advertise-url=" + agentUrl(index),
                        "--paddock.agent.fleet.state-file=" + fleetState,
                        "--paddock.agent.fleet.tags=" + host.architecture(),
                        // Images travel through the edge, the suite's one URL, like a Mac's would.
                        "--paddock.agent.catalog.url=" + edgeUrl(),
                        "--paddock.agent.catalog.cache-folder=" + hostHome.resolve("pack-cache"),
                        "--paddock.agent.catalog.keep-free-mb=1000"),
                environment,
                logDirectory(),
                agentUrl(index) + "/actuator/health");
    }

    /** Kills a host's agent as a crash would (tests of what the fleet does without it). */
    public void killAgent(int index) throws InterruptedException {
        agents.get(index).kill();
    }

    /** Kills the catalog at once (SIGKILL), as a crash would. */
    public void killCatalog() throws InterruptedException {
        Objects.requireNonNull(catalog, "the suite is not running").kill();
    }

    /** Starts the catalog again after {@link #killCatalog}, on the same port, database and storage. */
    public void restartCatalog() throws IOException, InterruptedException {
        ServiceProcess restarted = startCatalog(Objects.requireNonNull(database, "the suite is not running"));
        processes.set(processes.indexOf(catalog), restarted);
        catalog = restarted;
        restarted.awaitReady(START_TIMEOUT);
    }

    private ServiceProcess startCatalog(EmbeddedDatabase running) throws IOException {
        return ServiceProcess.start(
                "catalog",
                jar("catalog-service"),
                "384m",
                catalogArguments(running),
                Map.of(),
                logDirectory(),
                catalogUrl() + "/actuator/health");
    }

    /** Starts a host's agent again after {@link #killAgent}; it rejoins with the membership it kept. */
    public void restartAgent(int index) throws IOException, InterruptedException {
        ServiceProcess restarted = startAgent(index, SuiteApi.loginAsRoot(orchestratorUrl(), rootPassword));
        processes.set(processes.indexOf(agents.get(index)), restarted);
        agents.set(index, restarted);
        restarted.awaitReady(START_TIMEOUT);
    }

    /** The PADDOCK_SIM_HOME of a simulated host, for tests that act on the host behind the fleet's back. */
    public Path simulatorHome(int index) {
        return options.dataDirectory()
                .toAbsolutePath()
                .resolve("hosts")
                .resolve(options.hosts().get(index).name());
    }

    /** The catalog's local storage folder (chunks and manifest descriptors), when it uses local storage. */
    public Path catalogStorage() {
        return options.dataDirectory().toAbsolutePath().resolve("catalog").resolve("storage");
    }

    public String s3Url() {
        return "http://localhost:" + s3Port;
    }

    /**
     * Overwrites a stored chunk behind the catalog's back, in whichever storage it uses: what tests of damaged storage
     * need. (S3Mock takes unsigned requests.)
     */
    public void replaceStoredChunk(String digest, byte[] stored) throws IOException, InterruptedException {
        String key = "chunks/" + digest.substring(0, 2) + "/" + digest + ".zst";
        if (options.s3MockJar() == null) {
            Files.write(catalogStorage().resolve(key), stored);
            return;
        }
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(s3Url() + "/" + BUCKET + "/" + key))
                                .PUT(HttpRequest.BodyPublishers.ofByteArray(stored))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("S3Mock answered " + response.statusCode() + " to replacing " + key);
        }
    }

    /** How many chunks the catalog's storage holds, read from the storage itself (folder or bucket). */
    public long storedChunkCount() throws IOException, InterruptedException {
        if (options.s3MockJar() == null) {
            Path chunks = catalogStorage().resolve("chunks");
            if (!Files.isDirectory(chunks)) {
                return 0;
            }
            try (Stream<Path> files = Files.walk(chunks)) {
                return files.filter(file -> file.toString().endsWith(".zst")).count();
            }
        }
        HttpResponse<String> listing = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(s3Url() + "/" + BUCKET + "?list-type=2&prefix=chunks/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        if (listing.statusCode() != 200) {
            throw new IOException("S3Mock answered " + listing.statusCode() + " to listing the bucket");
        }
        Matcher count = Pattern.compile("<KeyCount>(\\d+)</KeyCount>").matcher(listing.body());
        return count.find() ? Long.parseLong(count.group(1)) : 0;
    }

    /**
     * A digest of each named table's rows ({@code database.table}, or one column: {@code database.table:column}), to
     * tell whether requests changed what the services keep. Tables are named by the caller: some change on their own
     * (heartbeats, inventories, audit).
     */
    public Map<String, String> tableDigests(List<String> tables) {
        EmbeddedDatabase running = Objects.requireNonNull(database, "the suite is not running");
        Map<String, List<String>> byDatabase = new LinkedHashMap<>();
        for (String qualified : tables) {
            String[] parts = qualified.split("\\.", 2);
            if (parts.length != 2 || !parts[1].matches("[a-z_]+(:[a-z_]+)?")) {
                throw new IllegalArgumentException("not a database.table[:column] name: " + qualified);
            }
            byDatabase.computeIfAbsent(parts[0], name -> new ArrayList<>()).add(parts[1]);
        }
        Map<String, String> digests = new LinkedHashMap<>();
        byDatabase.forEach((name, names) -> {
            try (Connection connection = DriverManager.getConnection(running.jdbcUrl(name), "postgres", "");
                    Statement statement = connection.createStatement()) {
                for (String table : names) {
                    String[] tableAndColumn = table.split(":");
                    String value = tableAndColumn.length == 2 ? "t." + tableAndColumn[1] + "::text" : "t::text";
                    try (ResultSet digest = statement.executeQuery("select md5(coalesce(string_agg(" + value + ", '|'"
                            + " order by " + value + "), '')) from " + tableAndColumn[0] + " t")) {
                        digest.next();
                        digests.put(name + "." + table, digest.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the tables of " + name + ": " + e.getMessage(), e);
            }
        });
        return digests;
    }

    public Path simulatorPrlctl() {
        return simulator("prlctl");
    }

    private Path simulator(String tool) {
        return options.repository()
                .resolve("parallels-simulator")
                .resolve("bin")
                .resolve(tool);
    }

    private static Map<String, String> simulatorEnvironment(Path simulatorHome, SimulatedHost host) {
        return Map.of("PADDOCK_SIM_HOME", simulatorHome.toString(), "PADDOCK_SIM_ARCH", host.architecture());
    }

    /**
     * Pushes each seeded Mac's Linux guest as the golden image {@value #SEEDED_IMAGE}:{@value #SEEDED_VERSION} (one
     * manifest per architecture), unless the catalog already has it, so a new fleet can create VMs from an image at
     * once. Answers what was pushed.
     */
    public List<String> seedGoldenImage() throws IOException, InterruptedException {
        SuiteApi root = SuiteApi.loginAsRoot(apiUrl(), rootPassword);
        List<String> pushed = new ArrayList<>();
        for (int i = 0; i < options.hosts().size(); i++) {
            SimulatedHost host = options.hosts().get(i);
            String manifest = "/api/v1/catalog/" + SEEDED_IMAGE + "/" + SEEDED_VERSION + "/" + host.architecture();
            if (!host.seeded() || root.exists(manifest)) {
                continue;
            }
            SuiteApi agent = root.at(agentUrl(i));
            String home = agent.get("/api/v1/machines/" + linuxGuestOf(host))
                    .path("Home")
                    .asString();
            agent.post(
                    "/api/v1/catalog/push",
                    Map.of(
                            "catalog_id", SEEDED_IMAGE,
                            "version", SEEDED_VERSION,
                            "local_path", home,
                            "description", "The simulated Macs' Ubuntu guest",
                            "tags", List.of("stable")));
            pushed.add(SEEDED_IMAGE + ":" + SEEDED_VERSION + " (" + host.architecture() + ")");
        }
        return pushed;
    }

    /** Where a seeded Mac's Linux guest keeps its bundle: something to push with {@code paddock images push}. */
    public String linuxGuestBundle(int hostIndex) throws IOException, InterruptedException {
        return SuiteApi.loginAsRoot(apiUrl(), rootPassword)
                .at(agentUrl(hostIndex))
                .get("/api/v1/machines/" + linuxGuestOf(options.hosts().get(hostIndex)))
                .path("Home")
                .asString();
    }

    private static String linuxGuestOf(SimulatedHost host) {
        return "ubuntu-" + (host.architecture().equals("arm64") ? "arm" : "x86");
    }

    /** A new simulated Mac gets two VMs (a macOS and a Linux guest), so there is something to see at once. */
    private void seedIfNew(Path simulatorHome, SimulatedHost host) throws IOException, InterruptedException {
        if (Files.exists(simulatorHome.resolve("registry"))) {
            return;
        }
        Files.createDirectories(simulatorHome);
        if (!host.seeded()) {
            runSimulator(simulatorHome, host, "list", "-a");
            return;
        }
        String suffix = host.architecture().equals("arm64") ? "arm" : "x86";
        runSimulator(simulatorHome, host, "create", "macos-ci-" + suffix, "--ostype", "macos", "--disk-size", "4096");
        runSimulator(simulatorHome, host, "create", linuxGuestOf(host), "--ostype", "ubuntu", "--disk-size", "2048");
    }

    private void runSimulator(Path simulatorHome, SimulatedHost host, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(simulator("prlctl").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(simulatorEnvironment(simulatorHome, host));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("seeding " + host.name() + " failed: " + output);
        }
    }

    private void stopGuests(SimulatedHost host) {
        Path home = options.dataDirectory().toAbsolutePath().resolve("hosts").resolve(host.name());
        if (!Files.exists(home.resolve("registry"))) {
            return;
        }
        try {
            ProcessBuilder list = new ProcessBuilder(simulator("prlctl").toString(), "list", "-a");
            list.environment().putAll(simulatorEnvironment(home, host));
            Process listing = list.redirectErrorStream(true).start();
            String output = new String(listing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            listing.waitFor();
            for (String line : output.lines().toList()) {
                String[] columns = line.trim().split("\\s+");
                if (columns.length > 1 && columns[1].equals("running")) {
                    ProcessBuilder stop =
                            new ProcessBuilder(simulator("prlctl").toString(), "stop", columns[0], "--kill");
                    stop.environment().putAll(simulatorEnvironment(home, host));
                    stop.redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                            .start()
                            .waitFor();
                }
            }
        } catch (IOException e) {
            log.warn("Could not stop the VMs of {}: {}", host.name(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Path jar(String module) throws IOException {
        Path target = options.repository().resolve(module).resolve("target");
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            // fall through to the message below
        }
        throw new IOException(
                "No built jar for " + module + " in " + target + "; build first: ./mvnw -DskipTests package");
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).close();
        }
        processes.clear();
        // The simulated Macs shut down too: a guest outlives the prlctl call that started it (as a VM outlives its
        // agent), and one left running would hold its address for the next suite.
        for (SimulatedHost host : options.hosts()) {
            stopGuests(host);
        }
        if (database != null) {
            try {
                database.close();
            } catch (IOException e) {
                log.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
            database = null;
        }
    }

    private static Ports fixedPorts(int agents) {
        List<Integer> agentPorts = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            agentPorts.add(3080 + i);
        }
        return new Ports(8080, 8081, 8082, 8090, 55432, agentPorts);
    }

    private static Ports randomPorts(int agents) throws IOException {
        List<Integer> agentPorts = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            agentPorts.add(freePort());
        }
        return new Ports(freePort(), freePort(), freePort(), freePort(), freePort(), agentPorts);
    }

    /**
     * A port free now, below Linux's ephemeral range (32768-60999): a port the kernel hands out for port 0 comes from
     * that range, where any outgoing connection may take it before the service binds it (an edge failed to start with
     * "Address already in use" that way); below it only another listener could.
     */
    static int freePort() throws IOException {
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = java.util.concurrent.ThreadLocalRandom.current().nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(candidate)) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String readOrCreateSecret(Path file, java.util.function.Supplier<String> generator) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String value = generator.get();
            Files.writeString(file, value, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String generatePassword() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        // Meets the default policy: upper, lower, digit and special characters, 12–40 long.
        return "Pd-" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "7a";
    }

    private static String generateEdgeKey() {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String credentials =
                "PADDOCK-EDGE:" + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static String generateKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
