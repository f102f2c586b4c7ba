package dev.paddock.catalog.manifest.web;

import dev.paddock.catalog.manifest.CatalogManifest;
import dev.paddock.catalog.manifest.Manifests;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Catalog")
class ManifestsController {

    private final Manifests manifests;

    ManifestsController(Manifests manifests) {
        this.manifests = manifests;
    }

    @GetMapping("/api/v1/catalog")
    @RequiresClaims(Claims.LIST_CATALOG_MANIFEST)
    @Operation(summary = "Every manifest the caller may see, grouped by catalog id")
    List<Map<String, List<CatalogManifest>>> list() {
        Map<String, List<CatalogManifest>> grouped = manifests.listGrouped(CurrentCaller.require());
        // The reference answers a list of single-key objects: [{"<catalog_id>": [manifest...]}].
        return grouped.entrySet().stream()
                .map(e -> Map.of(e.getKey(), e.getValue()))
                .toList();
    }
}
