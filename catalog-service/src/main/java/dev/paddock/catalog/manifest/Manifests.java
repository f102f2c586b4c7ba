package dev.paddock.catalog.manifest;

import static dev.paddock.catalog.manifest.ManifestRules.labels;
import static dev.paddock.catalog.manifest.ManifestRules.requireAdministrator;
import static dev.paddock.catalog.manifest.ManifestRules.requireDescription;
import static dev.paddock.catalog.manifest.ManifestRules.requirePullable;
import static dev.paddock.catalog.manifest.ManifestRules.requirePushable;
import static dev.paddock.catalog.manifest.ManifestRules.requireSome;
import static dev.paddock.catalog.manifest.ManifestRules.requireTainted;
import static dev.paddock.catalog.manifest.ManifestRules.validate;
import static dev.paddock.catalog.manifest.ManifestRules.visibleTo;

import dev.paddock.catalog.chunk.ChunkCollector;
import dev.paddock.catalog.chunk.Chunks;
import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.PackIndex;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden-image manifests. Reads follow the reference's record-level rule: a manifest is visible if it requires no
 * role or the caller has one of its roles, and likewise for claims; super users see everything. A manifest the caller
 * may not see answers 404, as one that does not exist.
 */
@Service
public class Manifests {

    private static final Logger log = LoggerFactory.getLogger(Manifests.class);
    private static final String LATEST = "latest";

    private final ManifestStore store;
    private final Chunks chunks;
    private final ChunkCollector collector;
    private final JsonMapper json;
    private final TransactionTemplate transaction;

    Manifests(
            ManifestStore store,
            Chunks chunks,
            ChunkCollector collector,
            JsonMapper json,
            TransactionTemplate transaction) {
        this.store = store;
        this.chunks = chunks;
        this.collector = collector;
        this.json = json;
        this.transaction = transaction;
    }

    /** Visible manifests grouped by catalog id, as {@code GET /catalog} answers. */
    @Transactional(readOnly = true)
    public Map<String, List<CatalogManifest>> listGrouped(PaddockPrincipal caller) {
        Map<String, List<CatalogManifest>> grouped = new LinkedHashMap<>();
        store.all().stream()
                .filter(manifest -> visibleTo(manifest, caller))
                .forEach(manifest -> grouped.computeIfAbsent(manifest.catalogId(), id -> new ArrayList<>())
                        .add(manifest));
        return grouped;
    }

    @Transactional(readOnly = true)
    public List<CatalogManifest> ofCatalog(String catalogId, PaddockPrincipal caller) {
        List<CatalogManifest> visible = store.ofCatalog(catalogId).stream()
                .filter(m -> visibleTo(m, caller))
                .toList();
        if (visible.isEmpty()) {
            throw ProblemException.notFound("manifest-not-found", "No catalog '" + catalogId + "'.");
        }
        return visible;
    }

    /** The manifests of a version or tag, one per architecture. */
    @Transactional(readOnly = true)
    public List<CatalogManifest> ofVersion(String catalogId, String versionOrTag, PaddockPrincipal caller) {
        List<CatalogManifest> visible = store.ofVersion(catalogId, versionOrTag).stream()
                .filter(m -> visibleTo(m, caller))
                .toList();
        if (visible.isEmpty()) {
            throw ProblemException.notFound(
                    "manifest-not-found", "No version or tag '" + versionOrTag + "' in catalog '" + catalogId + "'.");
        }
        return visible;
    }

    /** One manifest; {@code versionOrTag} may be a tag such as {@code latest}. */
    @Transactional(readOnly = true)
    public CatalogManifest get(String catalogId, String versionOrTag, String architecture, PaddockPrincipal caller) {
        return visible(catalogId, versionOrTag, architecture, caller);
    }

    /**
     * Commits a push: every chunk the pack names must already be stored. Creates the manifest, or replaces the content
     * of the same triple (its id, counters, tags and taint are kept). The new version gets {@code latest} and its
     * requested tags, which leave the sibling versions that had them.
     */
    public CatalogManifest commit(ManifestKey key, ManifestCommit commit, PaddockPrincipal caller) {
        PackIndex pack = validate(commit);
        List<String> tags = labels("tag", commit.tags());
        labels("required role", commit.requiredRoles());
        labels("required claim", commit.requiredClaims());
        List<String> digests = pack.storedDigests();
        String packJson = json.writeValueAsString(pack);
        transaction.execute(status -> {
            chunks.holdOffCollection();
            store.lockSeries(key.catalogId(), key.architecture());
            store.lock(key).ifPresent(existing -> requirePushable(key, existing));
            Set<String> missing = chunks.missingInStorage(digests);
            if (!missing.isEmpty()) {
                throw ProblemException.conflict(
                                "chunks-missing",
                                missing.size() + " of the pack's chunks are not stored; upload them and commit again.")
                        .with("missing", missing.stream().limit(100).toList())
                        .with("missing_count", missing.size());
            }
            UUID saved = store.upsert(key, commit, chunks.storedSize(digests), caller.username(), Instant.now());
            store.replacePack(saved, packJson, digests);
            Set<String> moving = new LinkedHashSet<>(tags);
            moving.add(LATEST);
            store.moveTags(saved, moving);
            return saved;
        });
        // The descriptor lets an operator rebuild the catalog from storage alone (import). Written after the commit:
        // a failure here loses only that convenience, never the pushed image.
        try {
            chunks.putDescriptor(
                    key.descriptorKey(),
                    json.writeValueAsBytes(commit.withKey(key.catalogId(), key.version(), key.architecture())));
        } catch (RuntimeException e) {
            log.warn(
                    "Manifest {} committed, but its descriptor could not be written to storage: {}", key, e.toString());
        }
        log.info(
                "Manifest {} committed by {}: {} chunks, {} bytes",
                key,
                caller.username(),
                pack.chunks().size(),
                pack.size());
        return store.find(key.catalogId(), key.version(), key.architecture()).orElseThrow();
    }

    /**
     * What a puller needs: the manifest and its pack's index. Tainted images answer 400 and revoked ones 403, as in the
     * reference; every successful download is counted.
     */
    @Transactional
    public PackDownload download(String catalogId, String versionOrTag, String architecture, PaddockPrincipal caller) {
        CatalogManifest manifest = visible(catalogId, versionOrTag, architecture, caller);
        requirePullable(manifest);
        String pack = store.pack(manifest.id())
                .orElseThrow(() -> ProblemException.conflict(
                        "manifest-has-no-pack", manifest.key() + " has no pack; push it again."));
        store.countDownload(manifest.id(), caller.username());
        return new PackDownload(manifest, json.readValue(pack, PackIndex.class));
    }

    @Transactional
    public CatalogManifest taint(String catalogId, String version, String architecture, PaddockPrincipal caller) {
        CatalogManifest manifest = administered(catalogId, version, architecture, caller);
        store.taint(manifest.id(), caller.username());
        return reread(manifest);
    }

    @Transactional
    public CatalogManifest untaint(String catalogId, String version, String architecture, PaddockPrincipal caller) {
        CatalogManifest manifest = administered(catalogId, version, architecture, caller);
        requireTainted(manifest);
        store.untaint(manifest.id(), caller.username());
        return reread(manifest);
    }

    @Transactional
    public CatalogManifest revoke(String catalogId, String version, String architecture, PaddockPrincipal caller) {
        CatalogManifest manifest = administered(catalogId, version, architecture, caller);
        if (!store.revoke(manifest.id(), caller.username())) {
            throw ProblemException.badRequest("manifest-already-revoked", manifest.key() + " is already revoked.");
        }
        return reread(manifest);
    }

    /** The reference's PATCH of tags, roles or claims: adds what the patch lists. */
    @Transactional
    public CatalogManifest add(
            String catalogId,
            String version,
            String architecture,
            Field field,
            ManifestPatch patch,
            PaddockPrincipal caller) {
        CatalogManifest manifest = visible(catalogId, version, architecture, caller);
        List<String> values = requireSome(field, patch);
        switch (field) {
            case TAGS -> {
                store.lockSeries(manifest.catalogId(), manifest.architecture());
                store.moveTags(manifest.id(), values);
            }
            case ROLES -> store.addRoles(manifest.id(), values);
            case CLAIMS -> store.addClaims(manifest.id(), values);
        }
        return reread(manifest);
    }

    /** The reference's DELETE of tags, roles or claims: removes what the patch lists. */
    @Transactional
    public CatalogManifest remove(
            String catalogId,
            String version,
            String architecture,
            Field field,
            ManifestPatch patch,
            PaddockPrincipal caller) {
        CatalogManifest manifest = visible(catalogId, version, architecture, caller);
        List<String> values = requireSome(field, patch);
        switch (field) {
            case TAGS -> store.removeTags(manifest.id(), values);
            case ROLES -> store.removeRoles(manifest.id(), values);
            case CLAIMS -> store.removeClaims(manifest.id(), values);
        }
        return reread(manifest);
    }

    /** The reference's metadata update: description, and tags/roles/claims replaced when given. */
    @Transactional
    public CatalogManifest updateMetadata(
            String catalogId, String version, String architecture, ManifestPatch patch, PaddockPrincipal caller) {
        CatalogManifest manifest = visible(catalogId, version, architecture, caller);
        if (patch.description() != null) {
            requireDescription(patch.description());
            store.describe(manifest.id(), patch.description());
        }
        if (patch.tags() != null) {
            List<String> tags = labels("tag", patch.tags());
            store.lockSeries(manifest.catalogId(), manifest.architecture());
            store.removeTags(manifest.id(), manifest.tags());
            store.moveTags(manifest.id(), tags);
        }
        if (patch.requiredRoles() != null || patch.requiredClaims() != null) {
            store.replaceRestrictions(
                    manifest.id(),
                    patch.requiredRoles() == null
                            ? manifest.requiredRoles()
                            : labels("required role", patch.requiredRoles()),
                    patch.requiredClaims() == null
                            ? manifest.requiredClaims()
                            : labels("required claim", patch.requiredClaims()));
        }
        return reread(manifest);
    }

    /**
     * Deletes the visible manifests of a catalog, of one version, or of one architecture. Their chunks are removed by
     * the collector once no other manifest needs them.
     *
     * @return how many manifests were deleted
     */
    public int delete(
            String catalogId, @Nullable String version, @Nullable String architecture, PaddockPrincipal caller) {
        List<CatalogManifest> doomed = version == null
                ? ofCatalog(catalogId, caller)
                : architecture == null
                        ? ofVersion(catalogId, version, caller)
                        : List.of(get(catalogId, version, ManifestKey.architecture(architecture), caller));
        transaction.executeWithoutResult(status -> doomed.forEach(m -> store.delete(m.id())));
        for (CatalogManifest manifest : doomed) {
            try {
                chunks.deleteDescriptor(manifest.key().descriptorKey());
            } catch (RuntimeException e) {
                log.warn("Could not delete the descriptor of {}: {}", manifest.key(), e.toString());
            }
        }
        Thread.ofVirtual().name("gc-after-delete").start(() -> {
            try {
                collector.collect();
            } catch (RuntimeException e) {
                log.warn("Garbage collection after a delete failed; the scheduled one will retry: {}", e.toString());
            }
        });
        return doomed.size();
    }

    /** Re-creates a manifest from the descriptor a push left in storage (the catalog's database was lost or moved). */
    public CatalogManifest importFromStorage(ManifestKey key, PaddockPrincipal caller) {
        byte[] descriptor = chunks.descriptor(key.descriptorKey())
                .orElseThrow(() -> ProblemException.notFound(
                        "descriptor-not-found", "Storage holds no pushed manifest " + key + "."));
        ManifestCommit commit;
        try {
            commit = json.readValue(descriptor, ManifestCommit.class);
        } catch (JacksonException e) {
            throw ProblemException.badRequest(
                    "descriptor-unreadable",
                    "The descriptor of " + key + " in storage is not readable: " + e.getOriginalMessage());
        }
        return commit(key, commit, caller);
    }

    /** Which list a tags/roles/claims patch changes. */
    public enum Field {
        TAGS,
        ROLES,
        CLAIMS
    }

    private CatalogManifest visible(
            String catalogId, String versionOrTag, String architecture, PaddockPrincipal caller) {
        String arch = ManifestKey.architecture(architecture);
        return store.find(catalogId, versionOrTag, arch)
                .filter(m -> visibleTo(m, caller))
                .orElseThrow(() -> ProblemException.notFound(
                        "manifest-not-found",
                        "No manifest " + catalogId + "/" + versionOrTag + "/" + arch
                                + " (neither a version nor a tag of that catalog for that architecture)."));
    }

    private CatalogManifest administered(
            String catalogId, String version, String architecture, PaddockPrincipal caller) {
        requireAdministrator(caller);
        return visible(catalogId, version, architecture, caller);
    }

    private CatalogManifest reread(CatalogManifest manifest) {
        return store.find(manifest.catalogId(), manifest.version(), manifest.architecture())
                .orElseThrow();
    }
}
