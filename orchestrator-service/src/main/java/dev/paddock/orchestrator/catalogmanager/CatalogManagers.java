package dev.paddock.orchestrator.catalogmanager;

import dev.paddock.common.crypto.SecretBox;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.catalog.CatalogApi;
import dev.paddock.orchestrator.catalogmanager.RemoteCatalog.Credentials;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Catalog managers and who may do what with them, as in the reference ({@code controllers/catalog_managers.go}): the
 * "all" claims see and change every manager; the "own" claims one's own, and may use and see global managers whose
 * required claims they hold; only the "all" create claim makes global or internal managers. A manager the caller may
 * not see is answered as missing.
 */
@Service
public class CatalogManagers {

    private final CatalogManagerRepository repository;
    private final SecretBox secrets;
    private final RemoteCatalog remote;
    private final Clock clock;

    CatalogManagers(CatalogManagerRepository repository, SecretBox secrets, RemoteCatalog remote, Clock clock) {
        this.repository = repository;
        this.secrets = secrets;
        this.remote = remote;
        this.clock = clock;
    }

    /** The reference's {@code CatalogManager}, without its secrets: they are never returned. */
    public record CatalogManager(
            UUID id,
            String name,
            String url,
            String authenticationMethod,
            @Nullable String username,
            boolean global,
            boolean internal,
            boolean active,
            List<String> requiredClaims,
            UUID ownerId,
            Instant createdAt,
            Instant updatedAt) {}

    /**
     * The reference's {@code CatalogManagerRequest}; on update, what is left out stays as it is. A password goes with
     * a username; an API key stands alone. {@code authentication_method} is read from which of them is given.
     */
    public record CatalogManagerRequest(
            @Nullable @Size(min = 1, max = 255) String name,

            @Nullable @Size(max = 1024) @Pattern(regexp = "^https?://[^\\s]+$", message = "must be an http(s) URL")
            String url,

            @Nullable @Size(max = 255) String username,
            @Nullable @Size(max = 1024) String password,
            @Nullable @Size(max = 2048) String apiKey,
            @Nullable Boolean global,
            @Nullable Boolean internal,
            @Nullable Boolean active,
            @Nullable List<@Size(min = 1, max = 128) String> requiredClaims) {}

    @Transactional(readOnly = true)
    public List<CatalogManager> list(PaddockPrincipal caller) {
        return repository.findAllByOrderByNameAsc().stream()
                .filter(manager -> visible(manager, caller))
                .map(CatalogManagers::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public CatalogManager get(PaddockPrincipal caller, UUID id) {
        return view(visibleOrMissing(caller, id));
    }

    @Transactional
    public CatalogManager create(PaddockPrincipal caller, CatalogManagerRequest request) {
        if (request.name() == null || request.url() == null) {
            throw ProblemException.badRequest("invalid-catalog-manager", "A catalog manager needs a name and a url.");
        }
        if ((Boolean.TRUE.equals(request.global()) || Boolean.TRUE.equals(request.internal()))
                && !caller.has(Claims.CATALOG_MANAGER_CREATE)) {
            throw ProblemException.forbidden(
                    "forbidden", "Global and internal catalog managers need the claim CATALOG_MANAGER_CREATE.");
        }
        CatalogManagerEntity manager = new CatalogManagerEntity(UUID.fromString(caller.userId()), clock.instant());
        apply(manager, request);
        checkConnection(manager);
        return view(repository.save(manager));
    }

    @Transactional
    public CatalogManager update(PaddockPrincipal caller, UUID id, CatalogManagerRequest request) {
        CatalogManagerEntity manager = visibleOrMissing(caller, id);
        requireOwnerOr(caller, manager, Claims.CATALOG_MANAGER_UPDATE, "change");
        if ((Boolean.TRUE.equals(request.global()) && !manager.global
                        || Boolean.TRUE.equals(request.internal()) && !manager.internal)
                && !caller.has(Claims.CATALOG_MANAGER_CREATE)) {
            throw ProblemException.forbidden(
                    "forbidden", "Making a catalog manager global or internal needs the claim CATALOG_MANAGER_CREATE.");
        }
        apply(manager, request);
        manager.updatedAt = clock.instant();
        checkConnection(manager);
        return view(manager);
    }

    @Transactional
    public void delete(PaddockPrincipal caller, UUID id) {
        CatalogManagerEntity manager = visibleOrMissing(caller, id);
        requireOwnerOr(caller, manager, Claims.CATALOG_MANAGER_DELETE, "delete");
        repository.delete(manager);
    }

    /**
     * A catalog request sent to the manager's catalog with its credentials ({@code path} below {@code /catalog}, with
     * its query). The caller must be allowed to use the manager and hold the claim the operation needs here; the
     * other catalog then applies its own rules to the manager's login.
     */
    @Transactional(readOnly = true)
    public RemoteAnswer forward(
            PaddockPrincipal caller,
            UUID id,
            HttpMethod method,
            String path,
            byte @Nullable [] body,
            @Nullable MediaType type) {
        CatalogManagerEntity manager = visibleOrMissing(caller, id);
        if (!usable(manager, caller)) {
            throw ProblemException.forbidden(
                    "forbidden", "Only its owner, or anyone holding its required claims if it is global, may use it.");
        }
        if (!manager.active) {
            throw ProblemException.badRequest(
                    "catalog-manager-disabled", "The catalog manager " + manager.name + " is disabled.");
        }
        requireForwardClaim(caller, method);
        if (path.contains("..")
                || path.contains("//")
                || path.toLowerCase(Locale.ROOT).contains("%2e")) {
            // Only catalog paths travel with the manager's login, never a way out of /catalog.
            throw ProblemException.badRequest(
                    "invalid-path", "A catalog path may not contain '..', '//' or encoded dots.");
        }
        return remote.send(credentials(manager), method, CatalogApi.CATALOG + path, body, type);
    }

    private void checkConnection(CatalogManagerEntity manager) {
        if (manager.secretSealed == null) {
            throw ProblemException.badRequest(
                    "invalid-catalog-manager",
                    "Give the catalog's credentials: an api_key, or a username and a password.");
        }
        RemoteAnswer answer;
        try {
            answer = remote.send(credentials(manager), HttpMethod.GET, CatalogApi.CATALOG, null, null);
        } catch (ProblemException e) {
            throw ProblemException.badRequest("catalog-manager-unusable", e.getMessage());
        }
        if (answer.status() >= 400) {
            throw ProblemException.badRequest(
                    "catalog-manager-unusable",
                    "The catalog at " + manager.url + " refused to list its catalog with these credentials ("
                            + answer.status() + ").");
        }
    }

    private void apply(CatalogManagerEntity manager, CatalogManagerRequest request) {
        if (request.name() != null) {
            manager.name = request.name();
        }
        if (request.url() != null && !request.url().equals(manager.url)) {
            // Stored credentials are never sent to a new address unasked: a new URL comes with its credentials.
            if (manager.secretSealed != null
                    && blankToNull(request.apiKey()) == null
                    && blankToNull(request.password()) == null) {
                throw ProblemException.badRequest(
                        "invalid-catalog-manager",
                        "Changing the url needs the credentials again (api_key, or username and password): stored"
                                + " ones are not sent to a new address.");
            }
            manager.url = request.url();
        }
        if (request.global() != null) {
            manager.global = request.global();
        }
        if (request.internal() != null) {
            manager.internal = request.internal();
        }
        if (request.active() != null) {
            manager.active = request.active();
        }
        if (request.requiredClaims() != null) {
            manager.requiredClaims = List.copyOf(request.requiredClaims());
        }
        String apiKey = blankToNull(request.apiKey());
        String password = blankToNull(request.password());
        if (apiKey != null) {
            manager.username = null;
            manager.secretSealed = seal(manager, "key:" + apiKey);
        } else if (password != null) {
            String username = blankToNull(request.username()) != null ? request.username() : manager.username;
            if (username == null) {
                throw ProblemException.badRequest(
                        "invalid-catalog-manager", "Password authentication needs both a username and a password.");
            }
            manager.username = username;
            manager.secretSealed = seal(manager, "password:" + password);
        } else if (blankToNull(request.username()) != null
                && !request.username().equals(manager.username)) {
            // Clients send the whole object back on update, secrets blank; only a new username needs its password.
            throw ProblemException.badRequest("invalid-catalog-manager", "A new username needs its password.");
        }
    }

    private Credentials credentials(CatalogManagerEntity manager) {
        String secret = manager.secretSealed == null ? "" : open(manager);
        return secret.startsWith("key:")
                ? new Credentials(manager.url, null, null, secret.substring("key:".length()))
                : new Credentials(manager.url, manager.username, secret.substring("password:".length()), null);
    }

    private String seal(CatalogManagerEntity manager, String secret) {
        return secrets.seal(secret.getBytes(StandardCharsets.UTF_8), associated(manager));
    }

    private String open(CatalogManagerEntity manager) {
        return new String(secrets.open(manager.secretSealed, associated(manager)), StandardCharsets.UTF_8);
    }

    private static byte[] associated(CatalogManagerEntity manager) {
        return ("catalog-manager:" + manager.id).getBytes(StandardCharsets.UTF_8);
    }

    private CatalogManagerEntity visibleOrMissing(PaddockPrincipal caller, UUID id) {
        return repository
                .findById(id)
                .filter(manager -> visible(manager, caller))
                .orElseThrow(() -> ProblemException.notFound(
                        "catalog-manager-not-found", "No catalog manager " + id + " that you can see."));
    }

    private static boolean visible(CatalogManagerEntity manager, PaddockPrincipal caller) {
        if (caller.isSuperUser() || caller.has(Claims.CATALOG_MANAGER_LIST)) {
            return true;
        }
        if (manager.ownerId.toString().equals(caller.userId())) {
            return true;
        }
        return manager.global && manager.requiredClaims.stream().allMatch(caller::has);
    }

    /** The reference's rule for using a manager: super users, its owner, and for a global one its claims' holders. */
    private static boolean usable(CatalogManagerEntity manager, PaddockPrincipal caller) {
        return caller.isSuperUser()
                || manager.ownerId.toString().equals(caller.userId())
                || manager.global && manager.requiredClaims.stream().allMatch(caller::has);
    }

    private static void requireOwnerOr(
            PaddockPrincipal caller, CatalogManagerEntity manager, String claim, String what) {
        if (!caller.isSuperUser()
                && !caller.has(claim)
                && !manager.ownerId.toString().equals(caller.userId())) {
            throw ProblemException.forbidden(
                    "forbidden",
                    "Only its owner, or a holder of " + claim + ", may " + what + " this catalog manager.");
        }
    }

    /** The reference's claims per catalog operation through a manager: the catalog claim, or its "own" variant. */
    private static void requireForwardClaim(PaddockPrincipal caller, HttpMethod method) {
        List<String> anyOf = method == HttpMethod.GET
                ? List.of(Claims.LIST_CATALOG_MANIFEST, Claims.CATALOG_MANAGER_LIST_CATALOG_MANIFEST_OWN)
                : method == HttpMethod.DELETE
                        ? List.of(Claims.DELETE_CATALOG_MANIFEST, Claims.CATALOG_MANAGER_DELETE_CATALOG_MANIFEST_OWN)
                        : method == HttpMethod.POST
                                ? List.of(
                                        Claims.CREATE_CATALOG_MANIFEST,
                                        Claims.CATALOG_MANAGER_CREATE_CATALOG_MANIFEST_OWN)
                                : List.of(Claims.CATALOG_MANAGER_UPDATE_CATALOG_MANIFEST_OWN);
        if (!caller.isSuperUser() && anyOf.stream().noneMatch(caller::has)) {
            throw ProblemException.forbidden(
                    "forbidden", "This needs one of the claims " + String.join(", ", anyOf) + ".");
        }
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static CatalogManager view(CatalogManagerEntity manager) {
        return new CatalogManager(
                manager.id,
                manager.name,
                manager.url,
                manager.username == null ? "api_key" : "credentials",
                manager.username,
                manager.global,
                manager.internal,
                manager.active,
                manager.requiredClaims,
                manager.ownerId,
                manager.createdAt,
                manager.updatedAt);
    }
}
