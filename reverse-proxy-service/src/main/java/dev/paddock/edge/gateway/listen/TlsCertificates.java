package dev.paddock.edge.gateway.listen;

import dev.paddock.edge.EdgeProperties;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificate the HTTPS listener presents, from PEM files. The files are checked every {@code reload-interval};
 * a renewed certificate is used by new connections at once (open ones keep theirs), so renewal needs no restart. A
 * renewal that does not load (half-written files, a key that does not match) is logged and the previous certificate
 * stays in use.
 */
final class TlsCertificates implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TlsCertificates.class);

    private final Path certificate;
    private final Path privateKey;
    private volatile SslContext current;
    private FileTime loadedCertificate;
    private FileTime loadedKey;
    private final @Nullable ScheduledExecutorService watcher;

    TlsCertificates(EdgeProperties.Tls tls) {
        if (tls.certificate() == null || tls.privateKey() == null) {
            throw new IllegalStateException(
                    "paddock.edge.tls.enabled needs paddock.edge.tls.certificate and paddock.edge.tls.private-key"
                            + " (PEM files)");
        }
        this.certificate = tls.certificate();
        this.privateKey = tls.privateKey();
        try {
            loadedCertificate = Files.getLastModifiedTime(certificate);
            loadedKey = Files.getLastModifiedTime(privateKey);
            current = load();
        } catch (IOException e) {
            throw new IllegalStateException(
                    "Cannot load the TLS certificate " + certificate + ": " + e.getMessage(), e);
        }
        watcher = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("tls-reload").factory());
        long every = tls.reloadInterval().toMillis();
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, every, every, TimeUnit.MILLISECONDS);
    }

    SslContext current() {
        return current;
    }

    /** Loads the files again if either changed; true when a new certificate is in use. */
    synchronized boolean reloadIfChanged() {
        try {
            FileTime certificateTime = Files.getLastModifiedTime(certificate);
            FileTime keyTime = Files.getLastModifiedTime(privateKey);
            if (certificateTime.equals(loadedCertificate) && keyTime.equals(loadedKey)) {
                return false;
            }
            current = load();
            loadedCertificate = certificateTime;
            loadedKey = keyTime;
            log.info("Loaded the renewed TLS certificate from {}", certificate);
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Keeping the current TLS certificate: the files did not load ({})", e.toString());
            return false;
        }
    }

    private SslContext load() throws SSLException {
        return SslContextBuilder.forServer(certificate.toFile(), privateKey.toFile())
                .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED)
                .build();
    }

    @Override
    public void close() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }
}
