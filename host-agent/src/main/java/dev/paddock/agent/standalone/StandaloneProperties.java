package dev.paddock.agent.standalone;

import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Standalone mode ({@code paddock.agent.standalone.*}).
 *
 * @param enabled run without an orchestrator, issuing and checking tokens here
 * @param dataDir where the signing key, root password hash and API keys are kept (owner-only files)
 * @param rootPassword applied to root at every start ({@code PADDOCK_ROOT_PASSWORD}); generated and printed once if unset
 * @param tokenLifetime how long issued tokens are valid
 */
@ConfigurationProperties("paddock.agent.standalone")
public record StandaloneProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue(".paddock-agent") Path dataDir,
        @Nullable String rootPassword,
        @DefaultValue("15m") Duration tokenLifetime) {}
