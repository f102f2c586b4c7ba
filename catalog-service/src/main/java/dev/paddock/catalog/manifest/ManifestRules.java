package dev.paddock.catalog.manifest;

import dev.paddock.catalog.manifest.Manifests.Field;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.PackIndex;
import dev.paddock.pack.InvalidPackException;
import dev.paddock.pack.PackIndexRules;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * What a commit, a patch or a read of a manifest must satisfy, apart from the database: valid commits and labels, who
 * may see a manifest, who may taint or revoke it and when it may be pulled. Kept free of storage so each rule is
 * checked by a table of cases.
 */
final class ManifestRules {

    static final int MAX_LABELS = 64;
    static final int MAX_DESCRIPTION = 2000;

    private ManifestRules() {}

    /** The commit's pack index, once the commit names a known type, a short description and a valid pack. */
    static PackIndex validate(ManifestCommit commit) {
        if (commit.pack() == null) {
            throw ProblemException.badRequest(
                    "pack-missing", "The commit has no 'pack': send the pack index the push produced.");
        }
        if (commit.type() == null
                || !(commit.type().equals("macvm") || commit.type().equals("pvm"))) {
            throw ProblemException.badRequest(
                    "invalid-type", "type '" + commit.type() + "' is not valid; use 'macvm' or 'pvm'.");
        }
        requireDescription(commit.description());
        try {
            return PackIndexRules.validate(commit.pack());
        } catch (InvalidPackException e) {
            throw ProblemException.badRequest("invalid-pack", "The pack index is not valid: " + e.getMessage() + ".");
        }
    }

    static void requireDescription(@Nullable String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw ProblemException.badRequest(
                    "invalid-description", "description is longer than " + MAX_DESCRIPTION + " characters.");
        }
    }

    /** The values a tags/roles/claims patch adds or removes: at least one, each a valid label. */
    static List<String> requireSome(Field field, ManifestPatch patch) {
        List<String> values = switch (field) {
            case TAGS -> patch.tags();
            case ROLES -> patch.requiredRoles();
            case CLAIMS -> patch.requiredClaims();
        };
        String name = field.name().toLowerCase(Locale.ROOT);
        if (values == null || values.isEmpty()) {
            throw ProblemException.badRequest("nothing-to-change", "Send the " + name + " to add or remove.");
        }
        return labels(name, values);
    }

    /**
     * Tags, required roles or required claims: at most {@link #MAX_LABELS}, each a name as {@link ManifestKey} allows,
     * duplicates dropped in order; none when absent.
     */
    static List<String> labels(String what, @Nullable List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_LABELS) {
            throw ProblemException.badRequest("too-many-labels", "At most " + MAX_LABELS + " " + what + "s.");
        }
        values.forEach(value -> ManifestKey.requireName(what.replace(' ', '_'), value));
        return List.copyOf(new LinkedHashSet<>(values));
    }

    /**
     * The reference's record-level rule: visible if it requires no role or the caller has one of its roles, and likewise
     * for claims; super users see everything.
     */
    static boolean visibleTo(CatalogManifest manifest, PaddockPrincipal caller) {
        if (caller.isSuperUser()) {
            return true;
        }
        boolean roles = manifest.requiredRoles().isEmpty()
                || manifest.requiredRoles().stream().anyMatch(caller.roles()::contains);
        boolean claims = manifest.requiredClaims().isEmpty()
                || manifest.requiredClaims().stream().anyMatch(caller.claims()::contains);
        return roles && claims;
    }

    /** Taint and revoke are for super users, as in the reference: they change what every team may pull. */
    static void requireAdministrator(PaddockPrincipal caller) {
        if (!caller.isSuperUser()) {
            throw new ProblemException(
                    HttpStatus.FORBIDDEN,
                    "super-user-required",
                    "Forbidden",
                    "Only a super user may taint, untaint or revoke.");
        }
    }

    /** Revoked images answer 403 and tainted ones 400, as in the reference; revocation is checked first. */
    static void requirePullable(CatalogManifest manifest) {
        if (manifest.revoked()) {
            throw ProblemException.forbidden(
                    "manifest-revoked",
                    manifest.key() + " was revoked by " + manifest.revokedBy() + " and can no longer be pulled.");
        }
        if (manifest.tainted()) {
            throw ProblemException.badRequest(
                    "manifest-tainted",
                    manifest.key() + " is tainted (by " + manifest.taintedBy()
                            + "); pull another version or ask an administrator to untaint it.");
        }
    }

    /** Only a tainted manifest can be untainted. */
    static void requireTainted(CatalogManifest manifest) {
        if (!manifest.tainted()) {
            throw ProblemException.badRequest("manifest-not-tainted", manifest.key() + " is not tainted.");
        }
    }

    /** A revoked version stays revoked: pushing it again is refused (push a new version instead). */
    static void requirePushable(ManifestKey key, CatalogManifest existing) {
        if (existing.revoked()) {
            throw ProblemException.conflict(
                    "manifest-revoked", key + " was revoked and cannot be pushed again; push a new version instead.");
        }
    }
}
