package dev.paddock.devsuite;

import dev.paddock.devsuite.LocalSuite.Options;
import dev.paddock.devsuite.LocalSuite.SimulatedHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code bin/paddock-local}: starts the suite on embedded defaults, prints where everything is and how to try it, and
 * stops everything cleanly on Ctrl-C.
 */
public final class DevSuiteMain {

    private DevSuiteMain() {}

    public static void main(String[] args) throws Exception {
        Path repository = Path.of(System.getProperty("paddock.repository", "."))
                .toAbsolutePath()
                .normalize();
        Path data = repository.resolve(".paddock-data");
        for (int i = 0; i < args.length; i++) {
            if ("--data-dir".equals(args[i]) && i + 1 < args.length) {
                data = Path.of(args[++i]).toAbsolutePath();
            } else {
                System.err.println("Usage: paddock-local [--data-dir DIR]");
                System.exit(2);
            }
        }
        List<SimulatedHost> hosts = new ArrayList<>(
                List.of(new SimulatedHost("mac-arm64-1", "arm64"), new SimulatedHost("mac-x86-1", "x86_64")));
        LocalSuite suite;
        try {
            suite = LocalSuite.start(new Options(repository, data, false, hosts));
        } catch (RuntimeException | java.io.IOException e) {
            System.err.println("\nPaddock could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        String bundle;
        try {
            suite.seedGoldenImage().forEach(image -> System.out.println("Seeded the golden image " + image + "."));
            bundle = suite.linuxGuestBundle(0);
        } catch (java.io.IOException | RuntimeException e) {
            System.err.println("Could not seed the golden image " + LocalSuite.SEEDED_IMAGE + ": " + e.getMessage()
                    + " (the fleet runs without it; push one with 'paddock images push').");
            bundle = "<a .pvm folder>";
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Paddock...");
                            suite.close();
                            stopped.countDown();
                        },
                        "paddock-local-stop"));
        printWelcome(suite, data, bundle);
        stopped.await();
    }

    private static void printWelcome(LocalSuite suite, Path data, String bundle) {
        String edge = suite.edgeUrl();
        System.out.println("""

                Paddock is running (Ctrl-C stops everything; data and logs in %s).

                  API (edge)      %s/api/v1/...
                  Swagger UI      %s/swagger-ui.html
                  orchestrator    %s/swagger-ui.html
                  catalog         %s/swagger-ui.html
                  root login      username root, password %s

                Try this (in another terminal):
                  alias paddock=$PWD/cli/target/paddock
                  paddock context add local --url %s
                  paddock login -u root                     # the password above
                  paddock hosts list
                  paddock images list                       # ubuntu:24.04 for arm64 and x86_64
                  paddock vm create my-vm --image ubuntu --arch arm64 --start
                  paddock vm exec my-vm -- uname -a
                  paddock vm ssh my-vm --user ci            # guest password: paddock
                  paddock vm open my-vm                     # its web page, through the edge
                  paddock vm url my-vm                      # %s, with a token:
                  TOKEN=$(curl -s %s/api/v1/auth/token -H 'Content-Type: application/json' \\
                    -d '{"username":"root","password":"%s"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
                  curl -H "Authorization: Bearer $TOKEN" %s
                  paddock routes tcp ssh-my-vm --listen 2222 --vm my-vm --port 22   # then: ssh -p 2222 ci@localhost
                  paddock images push %s my-image:1.0 --arch arm64
                  paddock events -c orchestrator            # what happens in the fleet, as it happens
                """.formatted(
                        data.resolve("logs"),
                        edge,
                        edge,
                        suite.orchestratorUrl(),
                        suite.catalogUrl(),
                        suite.rootPassword(),
                        edge,
                        vmUrl(suite, "my-vm"),
                        edge,
                        suite.rootPassword(),
                        vmUrl(suite, "my-vm"),
                        bundle));
    }

    private static String vmUrl(LocalSuite suite, String vm) {
        return "http://" + vm + "." + LocalSuite.VM_DOMAIN + ":" + suite.ports().edge() + "/";
    }
}
