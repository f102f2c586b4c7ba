package dev.paddock.agent.tunnel;

import dev.paddock.agent.machines.Machines;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Opens the guest side of a tunnel. Everything that can go wrong is found out here, before the connection is
 * upgraded, so a client gets a ProblemDetail that says why (VM unknown, not running, no address, port closed) rather
 * than a connection that just closes.
 */
@Service
public class GuestTunnels {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final Machines machines;

    GuestTunnels(Machines machines) {
        this.machines = machines;
    }

    /** A connected socket to {@code port} of the VM's guest address. */
    public Socket open(String vmIdOrName, int port) {
        if (port < 1 || port > 65_535) {
            throw ProblemException.badRequest("invalid-port", "Guest port " + port + " is not in 1..65535.");
        }
        Vm vm = machines.get(vmIdOrName);
        if (!vm.isRunning()) {
            throw new ProblemException(
                    HttpStatus.CONFLICT,
                    "vm-not-running",
                    "VM not running",
                    "VM '" + vm.name() + "' is " + vm.state() + "; start it to reach its port " + port + ".");
        }
        if (vm.ip() == null) {
            throw new ProblemException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "no-guest-address",
                    "No guest address",
                    "VM '" + vm.name() + "' has no IP address yet (Parallels Tools report it once the guest is up); "
                            + "try again in a few seconds.");
        }
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(vm.ip(), port), (int) CONNECT_TIMEOUT.toMillis());
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "guest-port-unreachable",
                    "Guest port unreachable",
                    "Could not connect to port " + port + " of VM '" + vm.name() + "' (" + vm.ip() + "): "
                            + e.getMessage() + ". Is a service listening there?");
        }
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
