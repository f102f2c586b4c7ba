package dev.paddock.orchestrator.config;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.orchestrator.OrchestratorProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The operator key that seals secrets at rest. Production sets {@code PADDOCK_SECRET_KEY}; the embedded defaults keep a
 * generated key in a file readable only by its owner, so a local suite works out of the box and survives restarts.
 */
@Configuration(proxyBeanMethods = false)
class SecretsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecretsConfiguration.class);

    @Bean
    SecretBox secretBox(OrchestratorProperties properties) {
        OrchestratorProperties.Secrets secrets = properties.secrets();
        if (secrets.key() != null && !secrets.key().isBlank()) {
            return SecretBox.fromBase64(secrets.key());
        }
        return SecretBox.fromBase64(readOrCreate(secrets.keyFile()));
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            String key = SecretBox.generateKey();
            Files.writeString(file, key, StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort on non-POSIX file systems
            }
            log.warn(
                    "No PADDOCK_SECRET_KEY set: generated one in {}. Keep that file (losing it makes stored secrets "
                            + "unreadable) and set PADDOCK_SECRET_KEY in production.",
                    file.toAbsolutePath());
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        }
    }
}
