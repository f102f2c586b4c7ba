package dev.paddock.agent.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;

/**
 * What enrollment gave this host, kept in an owner-only file so a restart does not enroll again (the token is single
 * use). Written to a temporary file and moved into place, so a crash never leaves half a secret.
 */
record Membership(UUID hostId, String hostSecret) {

    static Optional<Membership> read(Path file, JsonMapper json) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(json.readValue(Files.readString(file, StandardCharsets.UTF_8), Membership.class));
    }

    void write(Path file, JsonMapper json) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temporary = Files.createTempFile(target.getParent(), ".fleet", ".tmp");
        try {
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Not a POSIX file system (never on a Mac): the directory's own permissions are all there is.
        }
        Files.writeString(temporary, json.writeValueAsString(this));
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
