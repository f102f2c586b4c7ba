package dev.paddock.cli.auth;

import dev.paddock.cli.BaseCommand;
import dev.paddock.cli.CliEnvironment;
import dev.paddock.cli.CliException;
import dev.paddock.cli.api.Session;
import dev.paddock.cli.config.CliContext;
import dev.paddock.contracts.auth.AuthApi;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

@Command(
        name = "login",
        description = {
            "Log in to the current context with a username and password, or an API key.",
            "With an API key the CLI renews its token by itself; a password session lasts one token lifetime."
        })
public final class LoginCommand extends BaseCommand {

    @Option(
            names = {"-u", "--username"},
            description = "Username or email.")
    @Nullable String username;

    @Option(names = "--password-stdin", description = "Read the password from standard input.")
    boolean passwordStdin;

    @Option(names = "--password", description = "The password (visible in the process list; prefer --password-stdin).")
    @Nullable String password;

    @Option(names = "--api-key", description = "An API key: base64 of KEY:SECRET, as X-Api-Key takes it.")
    @Nullable String apiKey;

    @Option(names = "--api-key-stdin", description = "Read the API key from standard input.")
    boolean apiKeyStdin;

    LoginCommand(CliEnvironment env) {
        super(env);
    }

    @Override
    protected void run() {
        Session session = session();
        CliContext context = session.context();
        String key = apiKeyStdin ? env.readLine() : apiKey;
        JsonNode login;
        String who;
        if (key != null) {
            login = session.anonymousApi().postAnonymous(AuthApi.TOKEN, Map.of("api_key", key));
            who = login.path("email").asString();
        } else {
            if (username == null) {
                throw CliException.usage("Give --username (and --password-stdin), or --api-key.");
            }
            String secret = passwordStdin
                    ? env.readLine()
                    : password != null ? password : env.promptSecret("Password", "--password-stdin");
            login = session.anonymousApi()
                    .postAnonymous(AuthApi.TOKEN, Map.of("username", username, "password", secret));
            who = username;
        }
        session.remember(context.withSession(
                who,
                key,
                login.path("token").asString(),
                Instant.parse(login.path("expires_at").asString())));
        tools.jackson.databind.node.ObjectNode shown = (tools.jackson.databind.node.ObjectNode) login.deepCopy();
        shown.remove("token");
        printer().message("Logged in to " + context.url() + " as " + who + ".", shown);
    }
}
