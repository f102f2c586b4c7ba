package dev.paddock.cli.api;

import dev.paddock.cli.CliException;
import dev.paddock.cli.ExitCode;
import dev.paddock.cli.config.CliConfig;
import dev.paddock.cli.config.CliContext;
import dev.paddock.cli.config.ConfigStore;
import dev.paddock.contracts.auth.AuthApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The server and credentials a command runs with: the named context (or the current one), overridden by
 * {@code PADDOCK_URL}, {@code PADDOCK_TOKEN} and {@code PADDOCK_API_KEY} so CI jobs need no config file. A cached token
 * close to expiry is renewed with the context's API key; a password session that expired asks for a new login.
 */
public final class Session {

    private static final Duration RENEW_BEFORE = Duration.ofSeconds(30);

    private final ConfigStore store;
    private final Map<String, String> environment;
    private final Clock clock;
    private final @Nullable String contextName;

    public Session(ConfigStore store, Map<String, String> environment, Clock clock, @Nullable String contextName) {
        this.store = store;
        this.environment = environment;
        this.clock = clock;
        this.contextName = contextName;
    }

    public ConfigStore store() {
        return store;
    }

    /** The context a command uses, or a clear error naming what is missing. */
    public CliContext context() {
        String envUrl = environment.get("PADDOCK_URL");
        CliConfig config = store.load();
        String name = contextName != null
                ? contextName
                : environment.getOrDefault("PADDOCK_CONTEXT", config.currentContext());
        if (name != null) {
            CliContext found = config.find(name).orElse(null);
            if (found == null && envUrl == null) {
                throw CliException.usage(
                        "No context named '" + name + "'. 'paddock context list' shows the known ones; "
                                + "'paddock context add " + name + " --url URL' adds it.");
            }
            if (found != null) {
                return envUrl == null ? found : found.withUrl(envUrl, found.insecure());
            }
        }
        if (envUrl != null) {
            return new CliContext("env", envUrl, null, null, null, null, false);
        }
        throw CliException.usage(
                "No server configured. Run 'paddock context add local --url http://localhost:8080' or set PADDOCK_URL.");
    }

    /** An API client for the context, authenticated as the context (or the environment) says. */
    public PaddockApi api() {
        CliContext context = context();
        return new PaddockApi(context.url(), context.insecure(), () -> authorizationFor(context));
    }

    /** A client that sends no credentials, for logging in. */
    public PaddockApi anonymousApi() {
        CliContext context = context();
        return new PaddockApi(context.url(), context.insecure(), () -> null);
    }

    private @Nullable String authorizationFor(CliContext context) {
        String envToken = environment.get("PADDOCK_TOKEN");
        if (envToken != null && !envToken.isBlank()) {
            return "Bearer " + envToken;
        }
        String envKey = environment.get("PADDOCK_API_KEY");
        if (envKey != null && !envKey.isBlank()) {
            return "Bearer " + exchange(context, envKey).path("token").asString();
        }
        if (context.token() != null
                && context.tokenExpiresAt() != null
                && clock.instant().plus(RENEW_BEFORE).isBefore(context.tokenExpiresAt())) {
            return "Bearer " + context.token();
        }
        if (context.apiKey() != null) {
            JsonNode login = exchange(context, context.apiKey());
            remember(context.withSession(
                    context.username(),
                    context.apiKey(),
                    login.path("token").asString(),
                    Instant.parse(login.path("expires_at").asString())));
            return "Bearer " + login.path("token").asString();
        }
        if (context.token() != null) {
            throw new CliException(
                    ExitCode.UNAUTHENTICATED,
                    "Your session on '" + context.name() + "' has expired; run 'paddock login'.");
        }
        throw new CliException(
                ExitCode.UNAUTHENTICATED, "Not logged in to '" + context.name() + "'; run 'paddock login'.");
    }

    private JsonNode exchange(CliContext context, String apiKey) {
        return new PaddockApi(context.url(), context.insecure(), () -> null)
                .postAnonymous(AuthApi.TOKEN, Map.of("api_key", apiKey));
    }

    /** Stores an updated context (e.g. a fresh token) back into the config file. */
    public void remember(CliContext updated) {
        if ("env".equals(updated.name()) && store.load().find("env").isEmpty()) {
            return;
        }
        store.save(store.load().with(updated));
    }
}
