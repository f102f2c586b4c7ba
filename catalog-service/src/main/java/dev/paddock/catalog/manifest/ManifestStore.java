package dev.paddock.catalog.manifest;

import dev.paddock.catalog.chunk.Chunks;
import dev.paddock.contracts.catalog.ManifestCommit;
import dev.paddock.contracts.catalog.MinimumRequirements;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/** Manifest rows in PostgreSQL, in plain SQL: upserts on the identity triple and array updates are one statement each. */
@Repository
class ManifestStore {

    private static final String COLUMNS = "id, catalog_id, version, architecture, description, type, size_bytes, "
            + "pack_size_bytes, chunk_count, minimum_cpu, minimum_memory_mb, minimum_disk_mb, tags, required_roles, "
            + "required_claims, tainted, tainted_by, tainted_at, untainted_by, revoked, revoked_by, revoked_at, "
            + "download_count, last_downloaded_at, last_downloaded_user, pushed_by, created_at, updated_at";

    private final JdbcTemplate jdbc;
    private final RowMapper<CatalogManifest> rows;

    ManifestStore(JdbcTemplate jdbc, Chunks chunks) {
        this.jdbc = jdbc;
        String provider = chunks.provider();
        this.rows = (rs, n) -> toManifest(rs, provider);
    }

    List<CatalogManifest> all() {
        return jdbc.query(
                "select " + COLUMNS + " from catalog_manifests order by catalog_id, architecture, created_at desc",
                rows);
    }

    List<CatalogManifest> ofCatalog(String catalogId) {
        return jdbc.query(
                "select " + COLUMNS + " from catalog_manifests where catalog_id = ? "
                        + "order by architecture, created_at desc",
                rows,
                catalogId);
    }

    /** The manifests of a version, or of the version that carries this tag (a real version name wins). */
    List<CatalogManifest> ofVersion(String catalogId, String versionOrTag) {
        return jdbc.query(
                "select " + COLUMNS + " from catalog_manifests where catalog_id = ? and (version = ? or ? = any(tags)) "
                        + "order by (version = ?) desc, architecture",
                rows,
                catalogId,
                versionOrTag,
                versionOrTag,
                versionOrTag);
    }

    Optional<CatalogManifest> find(String catalogId, String versionOrTag, String architecture) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from catalog_manifests where catalog_id = ? and architecture = ? "
                                + "and (version = ? or ? = any(tags)) order by (version = ?) desc limit 1",
                        rows,
                        catalogId,
                        architecture,
                        versionOrTag,
                        versionOrTag,
                        versionOrTag)
                .stream()
                .findFirst();
    }

    /**
     * Serialises changes to one catalog id and architecture until the transaction ends, so that two pushes moving
     * {@code latest} at once cannot both keep it.
     */
    void lockSeries(String catalogId, String architecture) {
        jdbc.queryForList("select pg_advisory_xact_lock(hashtextextended(?, 0))", catalogId + "/" + architecture);
    }

    Optional<CatalogManifest> lock(ManifestKey key) {
        return jdbc
                .query(
                        "select " + COLUMNS + " from catalog_manifests where catalog_id = ? and version = ? "
                                + "and architecture = ? for update",
                        rows,
                        key.catalogId(),
                        key.version(),
                        key.architecture())
                .stream()
                .findFirst();
    }

    /** Creates the manifest or replaces the pushed content of the existing one (same id, counters and state kept). */
    UUID upsert(ManifestKey key, ManifestCommit commit, long packSize, String pushedBy, Instant now) {
        MinimumRequirements minimum = commit.minimumRequirements();
        return jdbc.queryForObject(
                """
                insert into catalog_manifests (id, catalog_id, version, architecture, description, type, size_bytes,
                    pack_size_bytes, chunk_count, minimum_cpu, minimum_memory_mb, minimum_disk_mb, required_roles,
                    required_claims, pushed_by, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (catalog_id, version, architecture) do update set
                    description = excluded.description, type = excluded.type, size_bytes = excluded.size_bytes,
                    pack_size_bytes = excluded.pack_size_bytes, chunk_count = excluded.chunk_count,
                    minimum_cpu = excluded.minimum_cpu, minimum_memory_mb = excluded.minimum_memory_mb,
                    minimum_disk_mb = excluded.minimum_disk_mb, required_roles = excluded.required_roles,
                    required_claims = excluded.required_claims, pushed_by = excluded.pushed_by,
                    updated_at = excluded.updated_at
                returning id
                """,
                UUID.class,
                UUID.randomUUID(),
                key.catalogId(),
                key.version(),
                key.architecture(),
                commit.description(),
                commit.type(),
                commit.pack().size(),
                packSize,
                commit.pack().chunks().size(),
                minimum == null ? null : minimum.cpu(),
                minimum == null ? null : minimum.memory(),
                minimum == null ? null : minimum.disk(),
                orEmpty(commit.requiredRoles()).toArray(String[]::new),
                orEmpty(commit.requiredClaims()).toArray(String[]::new),
                pushedBy,
                Timestamp.from(now),
                Timestamp.from(now));
    }

    void replacePack(UUID id, String packJson, List<String> digests) {
        jdbc.update(
                "insert into manifest_packs (manifest_id, pack_index) values (?, ?) "
                        + "on conflict (manifest_id) do update set pack_index = excluded.pack_index",
                id,
                packJson);
        jdbc.update("delete from manifest_chunks where manifest_id = ?", id);
        jdbc.batchUpdate(
                "insert into manifest_chunks (manifest_id, digest) values (?, ?)",
                digests,
                1000,
                (statement, digest) -> {
                    statement.setObject(1, id);
                    statement.setString(2, digest);
                });
    }

    Optional<String> pack(UUID id) {
        return jdbc
                .queryForList("select pack_index from manifest_packs where manifest_id = ?", String.class, id)
                .stream()
                .findFirst();
    }

    /**
     * Gives a manifest these tags and takes them from its siblings (same catalog and architecture): a tag names one
     * version at a time, so {@code latest} moves to the newest push.
     */
    void moveTags(UUID id, Collection<String> tags) {
        String[] moving = tags.toArray(String[]::new);
        jdbc.update("""
                update catalog_manifests s set tags = array(select t from unnest(s.tags) t where t <> all(?::text[])),
                    updated_at = now()
                from catalog_manifests m
                where m.id = ? and s.catalog_id = m.catalog_id and s.architecture = m.architecture and s.id <> m.id
                  and s.tags && ?::text[]
                """, moving, id, moving);
        jdbc.update(
                "update catalog_manifests set tags = tags || array(select t from unnest(?::text[]) t "
                        + "where t <> all(tags)), updated_at = now() where id = ?",
                moving,
                id);
    }

    void removeTags(UUID id, Collection<String> tags) {
        removeFrom("tags", id, tags);
    }

    void addRoles(UUID id, Collection<String> roles) {
        addTo("required_roles", id, roles);
    }

    void removeRoles(UUID id, Collection<String> roles) {
        removeFrom("required_roles", id, roles);
    }

    void addClaims(UUID id, Collection<String> claims) {
        addTo("required_claims", id, claims);
    }

    void removeClaims(UUID id, Collection<String> claims) {
        removeFrom("required_claims", id, claims);
    }

    void replaceRestrictions(UUID id, List<String> roles, List<String> claims) {
        jdbc.update(
                "update catalog_manifests set required_roles = ?, required_claims = ?, updated_at = now() where id = ?",
                roles.toArray(String[]::new),
                claims.toArray(String[]::new),
                id);
    }

    void describe(UUID id, @Nullable String description) {
        jdbc.update("update catalog_manifests set description = ?, updated_at = now() where id = ?", description, id);
    }

    void taint(UUID id, String by) {
        jdbc.update(
                "update catalog_manifests set tainted = true, tainted_by = ?, tainted_at = now(), untainted_by = null, "
                        + "updated_at = now() where id = ?",
                by,
                id);
    }

    void untaint(UUID id, String by) {
        jdbc.update(
                "update catalog_manifests set tainted = false, untainted_by = ?, updated_at = now() where id = ?",
                by,
                id);
    }

    /** @return false if it was revoked already (revocation happens once) */
    boolean revoke(UUID id, String by) {
        return jdbc.update(
                        "update catalog_manifests set revoked = true, revoked_by = ?, revoked_at = now(), "
                                + "updated_at = now() where id = ? and not revoked",
                        by,
                        id)
                == 1;
    }

    void countDownload(UUID id, String by) {
        jdbc.update(
                "update catalog_manifests set download_count = download_count + 1, last_downloaded_at = now(), "
                        + "last_downloaded_user = ? where id = ?",
                by,
                id);
    }

    void delete(UUID id) {
        jdbc.update("delete from catalog_manifests where id = ?", id);
    }

    private void addTo(String column, UUID id, Collection<String> values) {
        jdbc.update(
                "update catalog_manifests set " + column + " = " + column
                        + " || array(select v from unnest(?::text[]) v " + "where v <> all(" + column
                        + ")), updated_at = now() where id = ?",
                values.toArray(String[]::new),
                id);
    }

    private void removeFrom(String column, UUID id, Collection<String> values) {
        jdbc.update(
                "update catalog_manifests set " + column + " = array(select v from unnest(" + column + ") v "
                        + "where v <> all(?::text[])), updated_at = now() where id = ?",
                values.toArray(String[]::new),
                id);
    }

    private static List<String> orEmpty(@Nullable List<String> values) {
        return values == null ? List.of() : values;
    }

    private static CatalogManifest toManifest(ResultSet rs, String provider) throws SQLException {
        String catalogId = rs.getString("catalog_id");
        String version = rs.getString("version");
        String architecture = rs.getString("architecture");
        Integer cpu = rs.getObject("minimum_cpu", Integer.class);
        Long memory = rs.getObject("minimum_memory_mb", Long.class);
        Long disk = rs.getObject("minimum_disk_mb", Long.class);
        return new CatalogManifest(
                rs.getObject("id", UUID.class),
                catalogId,
                catalogId + "-" + architecture + "-" + version,
                version,
                architecture,
                rs.getString("description"),
                rs.getString("type"),
                "/" + catalogId,
                rs.getLong("size_bytes"),
                rs.getLong("pack_size_bytes"),
                rs.getInt("chunk_count"),
                true,
                new CatalogManifest.Provider(provider),
                cpu == null && memory == null && disk == null ? null : new MinimumRequirements(cpu, memory, disk),
                strings(rs.getArray("tags")),
                strings(rs.getArray("required_roles")),
                strings(rs.getArray("required_claims")),
                rs.getBoolean("tainted"),
                rs.getString("tainted_by"),
                instant(rs.getTimestamp("tainted_at")),
                rs.getString("untainted_by"),
                rs.getBoolean("revoked"),
                rs.getString("revoked_by"),
                instant(rs.getTimestamp("revoked_at")),
                rs.getLong("download_count"),
                instant(rs.getTimestamp("last_downloaded_at")),
                rs.getString("last_downloaded_user"),
                rs.getString("pushed_by"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
