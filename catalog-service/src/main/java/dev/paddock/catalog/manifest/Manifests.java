package dev.paddock.catalog.manifest;

import dev.paddock.common.security.PaddockPrincipal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads manifests with the reference's record-level rule: a manifest is visible if it requires no role or the caller
 * has one of its roles, and likewise for claims. Super users see everything.
 */
@Service
public class Manifests {

    private final CatalogManifestRepository manifests;

    Manifests(CatalogManifestRepository manifests) {
        this.manifests = manifests;
    }

    /** Visible manifests grouped by catalog id, as {@code GET /catalog} answers. */
    @Transactional(readOnly = true)
    public Map<String, List<CatalogManifest>> listGrouped(PaddockPrincipal caller) {
        Map<String, List<CatalogManifest>> grouped = new LinkedHashMap<>();
        manifests.findAllByOrderByCatalogIdAscCreatedAtDesc().stream()
                .filter(manifest -> visibleTo(manifest, caller))
                .map(CatalogManifestEntity::toRecord)
                .forEach(manifest -> grouped.computeIfAbsent(manifest.catalogId(), id -> new java.util.ArrayList<>())
                        .add(manifest));
        return grouped;
    }

    private static boolean visibleTo(CatalogManifestEntity manifest, PaddockPrincipal caller) {
        if (caller.isSuperUser()) {
            return true;
        }
        boolean roles = manifest.requiredRoles().isEmpty()
                || manifest.requiredRoles().stream().anyMatch(caller.roles()::contains);
        boolean claims = manifest.requiredClaims().isEmpty()
                || manifest.requiredClaims().stream().anyMatch(caller.claims()::contains);
        return roles && claims;
    }
}
