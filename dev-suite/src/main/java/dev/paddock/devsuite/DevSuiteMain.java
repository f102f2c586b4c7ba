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
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping Paddock...");
                            suite.close();
                            stopped.countDown();
                        },
                        "paddock-local-stop"));
        printWelcome(suite, data);
        stopped.await();
    }

    private static void printWelcome(LocalSuite suite, Path data) {
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
                  paddock vm start ubuntu-arm
                  paddock vm exec ubuntu-arm -- uname -a
                  paddock vm url ubuntu-arm                 # %s, with a token:
                  TOKEN=$(curl -s %s/api/v1/auth/token -H 'Content-Type: application/json' \\
                    -d '{"username":"root","password":"%s"}' | sed 's/.*"token":"\\([^"]*\\)".*/\\1/')
                  curl -H "Authorization: Bearer $TOKEN" %s
                  paddock vm ssh ubuntu-arm --user ci       # guest password: paddock
                  paddock vm create my-vm --from ubuntu-arm --arch arm64 --start
                  paddock routes tcp ssh-my-vm --listen 2222 --vm my-vm --port 22   # then: ssh -p 2222 ci@localhost
                """.formatted(
                        data.resolve("logs"),
                        edge,
                        edge,
                        suite.orchestratorUrl(),
                        suite.catalogUrl(),
                        suite.rootPassword(),
                        edge,
                        vmUrl(suite, "ubuntu-arm"),
                        edge,
                        suite.rootPassword(),
                        vmUrl(suite, "ubuntu-arm")));
    }

    private static String vmUrl(LocalSuite suite, String vm) {
        return "http://" + vm + "." + LocalSuite.VM_DOMAIN + ":" + suite.ports().edge() + "/";
    }
}
