package dev.paddock.cli.config;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads and writes {@code ~/.paddock/config} (or {@code $PADDOCK_CONFIG}). The file holds tokens and possibly API keys,
 * so it is written owner-only, atomically (temp file and rename), never half-written.
 */
public final class ConfigStore {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final Path file;

    public ConfigStore(Path file) {
        this.file = file;
    }

    public static ConfigStore fromEnvironment() {
        String configured = System.getenv("PADDOCK_CONFIG");
        return new ConfigStore(
                configured != null && !configured.isBlank()
                        ? Path.of(configured)
                        : Path.of(System.getProperty("user.home"), ".paddock", "config"));
    }

    public Path file() {
        return file;
    }

    public CliConfig load() {
        if (!Files.exists(file)) {
            return CliConfig.empty();
        }
        try {
            CliConfig config = YAML.readValue(file.toFile(), CliConfig.class);
            return config == null ? CliConfig.empty() : config;
        } catch (JacksonException e) {
            throw CliException.usage("The config file " + file + " is not valid: " + e.getOriginalMessage()
                    + ". Fix or delete it, then run 'paddock context add'.");
        }
    }

    public void save(CliConfig config) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, ".config", ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // best effort elsewhere
            }
            YAML.writeValue(temporary.toFile(), config);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "Could not write " + file + ": " + e.getMessage());
        }
    }
}
