package dev.paddock.catalog.manifest;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogManifestRepository extends JpaRepository<CatalogManifestEntity, UUID> {

    List<CatalogManifestEntity> findAllByOrderByCatalogIdAscCreatedAtDesc();
}
