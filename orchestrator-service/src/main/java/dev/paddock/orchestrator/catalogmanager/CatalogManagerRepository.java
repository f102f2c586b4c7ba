package dev.paddock.orchestrator.catalogmanager;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface CatalogManagerRepository extends JpaRepository<CatalogManagerEntity, UUID> {

    List<CatalogManagerEntity> findAllByOrderByNameAsc();
}
