package dev.paddock.orchestrator.host;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Which golden images each host holds in its pack cache, as its agent last listed them. The scheduler prefers hosts
 * that hold the image a VM is created from: no pull, the VM is up in seconds.
 */
@Component
public class HostCaches {

    /** One cached image on a host (the reference's {@code HostCatalogCacheItem}). */
    public record Item(
            String catalogId,
            String version,
            String architecture,
            long cacheSize,
            @Nullable Instant cachedDate) {}

    private final JdbcTemplate jdbc;

    HostCaches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    public void replace(UUID hostId, List<Item> items) {
        jdbc.update("delete from host_cache_items where host_id = ?", hostId);
        jdbc.batchUpdate(
                "insert into host_cache_items (host_id, catalog_id, version, architecture, size_bytes, cached_at) "
                        + "values (?, ?, ?, ?, ?, ?) on conflict do nothing",
                items,
                items.size(),
                (statement, item) -> {
                    statement.setObject(1, hostId);
                    statement.setString(2, item.catalogId());
                    statement.setString(3, item.version());
                    statement.setString(4, item.architecture());
                    statement.setLong(5, item.cacheSize());
                    statement.setTimestamp(6, item.cachedDate() == null ? null : Timestamp.from(item.cachedDate()));
                });
    }

    /** Every host's cached images, in one query (for fleet-wide lists). */
    public Map<UUID, List<Item>> all() {
        Map<UUID, List<Item>> items = new HashMap<>();
        jdbc.query(
                "select host_id, catalog_id, version, architecture, size_bytes, cached_at from host_cache_items "
                        + "order by catalog_id, version",
                rs -> {
                    items.computeIfAbsent(rs.getObject(1, UUID.class), id -> new ArrayList<>())
                            .add(new Item(
                                    rs.getString(2),
                                    rs.getString(3),
                                    rs.getString(4),
                                    rs.getLong(5),
                                    rs.getTimestamp(6) == null
                                            ? null
                                            : rs.getTimestamp(6).toInstant()));
                });
        return items;
    }

    public List<Item> of(UUID hostId) {
        return jdbc.query(
                "select catalog_id, version, architecture, size_bytes, cached_at from host_cache_items "
                        + "where host_id = ? order by catalog_id, version",
                (rs, row) -> new Item(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()),
                hostId);
    }

    /** The hosts holding an image; a null version means any version (the catalog resolves it later). */
    public Set<UUID> hostsHolding(String catalogId, @Nullable String version) {
        List<UUID> ids = version == null || version.isBlank() || "latest".equalsIgnoreCase(version)
                ? jdbc.queryForList(
                        "select distinct host_id from host_cache_items where lower(catalog_id) = lower(?)",
                        UUID.class,
                        catalogId)
                : jdbc.queryForList(
                        "select distinct host_id from host_cache_items where lower(catalog_id) = lower(?) "
                                + "and lower(version) = lower(?)",
                        UUID.class,
                        catalogId,
                        version);
        return new HashSet<>(ids);
    }
}
