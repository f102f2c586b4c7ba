package dev.paddock.orchestrator.deploy;

import dev.paddock.common.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.EnumSet;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.RejectAllServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * One SSH login to a Mac (Apache MINA SSHD's client): commands run one at a time with their output captured, files
 * sent through a command's standard input (any SSH server with a shell takes them; no SFTP needed). The Mac's host key
 * is checked before any credential is sent: against the fingerprint the request names, or a known_hosts file, unless
 * the request says to trust it.
 */
final class SshSession implements AutoCloseable {

    /** How the Mac's host key is checked. */
    record HostKeyCheck(
            @Nullable String fingerprint, @Nullable Path knownHosts, boolean insecure) {}

    /** A finished command: its exit status and what it printed. */
    record Result(int exitStatus, String output) {}

    private final SshClient client;
    private final ClientSession session;
    private final Duration timeout;

    private SshSession(SshClient client, ClientSession session, Duration timeout) {
        this.client = client;
        this.session = session;
        this.timeout = timeout;
    }

    static SshSession open(
            String host,
            int port,
            String user,
            @Nullable String password,
            @Nullable String privateKey,
            HostKeyCheck check,
            Duration timeout) {
        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier(check, host));
        client.start();
        try {
            ClientSession session =
                    client.connect(user, host, port).verify(timeout).getSession();
            if (password != null) {
                session.addPasswordIdentity(password);
            }
            if (privateKey != null) {
                for (KeyPair key : keys(privateKey)) {
                    session.addPublicKeyIdentity(key);
                }
            }
            try {
                session.auth().verify(timeout);
            } catch (IOException e) {
                session.close();
                ProblemException refused = hostKeyRefused(e);
                throw refused != null
                        ? refused
                        : new ProblemException(
                                HttpStatus.BAD_REQUEST,
                                "ssh-login-failed",
                                "SSH login failed",
                                "The Mac at " + host + ":" + port + " refused the login of " + user + ": "
                                        + e.getMessage() + ". Check ssh_user and ssh_password or ssh_key.",
                                e);
            }
            return new SshSession(client, session, timeout);
        } catch (IOException e) {
            client.stop();
            ProblemException refused = hostKeyRefused(e);
            if (refused != null) {
                throw refused;
            }
            throw new ProblemException(
                    HttpStatus.BAD_GATEWAY,
                    "ssh-unreachable",
                    "Mac unreachable",
                    "Could not open an SSH session to " + host + ":" + port + ": " + e.getMessage()
                            + ". Check ssh_host and ssh_port, and that Remote Login is on.",
                    e);
        } catch (ProblemException e) {
            client.stop();
            throw e;
        }
    }

    /** Runs one command, with {@code input} on its standard input, and waits for it. */
    Result run(String command, @Nullable InputStream input) throws IOException {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setIn(input == null ? new ByteArrayInputStream(new byte[0]) : input);
            channel.setOut(output);
            channel.setErr(output);
            channel.open().verify(timeout);
            channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), Duration.ofMinutes(10));
            Integer status = channel.getExitStatus();
            return new Result(status == null ? -1 : status, output.toString(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException ignored) {
            // closing anyway
        } finally {
            client.stop();
        }
    }

    /** The fingerprint as {@code ssh-keygen -lf} prints it: {@code SHA256:<base64>}. */
    static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }

    private static ServerKeyVerifier verifier(HostKeyCheck check, String host) {
        if (check.insecure()) {
            return (session, address, key) -> true;
        }
        if (check.fingerprint() != null) {
            String expected = check.fingerprint().trim();
            return (session, address, key) -> fingerprint(key).equals(expected);
        }
        if (check.knownHosts() != null) {
            return new KnownHostsServerKeyVerifier(RejectAllServerKeyVerifier.INSTANCE, check.knownHosts());
        }
        throw ProblemException.badRequest(
                "ssh-host-key-unknown",
                "Say which host key " + host + " has: ssh_host_key_fingerprint as 'ssh-keygen -lf' prints it"
                        + " (SHA256:...), or configure paddock.orchestrator.deploy.known-hosts, or set"
                        + " ssh_insecure_host_key to trust whatever key it presents.");
    }

    private static @Nullable ProblemException hostKeyRefused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("Server key did not validate")) {
                return ProblemException.badRequest(
                        "ssh-host-key-mismatch",
                        "The Mac presented a host key that was not the expected one, so no credentials were sent."
                                + " Check ssh_host_key_fingerprint (or the known_hosts file) against 'ssh-keygen -lf'"
                                + " on the Mac.");
            }
        }
        return null;
    }

    private static Iterable<KeyPair> keys(String privateKey) {
        try {
            return SecurityUtils.loadKeyPairIdentities(
                    null,
                    NamedResource.ofName("ssh_key"),
                    new ByteArrayInputStream(privateKey.getBytes(StandardCharsets.UTF_8)),
                    null);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw ProblemException.badRequest(
                    "invalid-ssh-key", "ssh_key is not a private key in OpenSSH or PEM form: " + e.getMessage());
        }
    }
}
