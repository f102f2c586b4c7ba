package dev.paddock.orchestrator.identity;

import java.util.Optional;
import java.util.UUID;

/** Path variables of the identity API name things by id or by name, as the reference allows. */
final class Lookup {

    private Lookup() {}

    static Optional<UUID> asUuid(String idOrName) {
        try {
            return Optional.of(UUID.fromString(idOrName));
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }
}
