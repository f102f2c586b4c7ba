package dev.paddock.edge.routes;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Proxy hosts as documents in PostgreSQL, and the settings row whose generation tells replicas to reload. */
@Repository
class ProxyHostStore {

    /** What the whole configuration looked like at one generation. */
    record Configuration(boolean enabled, long generation, List<ProxyHost> hosts) {}

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProxyHostStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long generation() {
        return jdbc.sql("select generation from proxy_settings where id = 1")
                .query(Long.class)
                .single();
    }

    /** Everything, read in one transaction by the caller so hosts and generation agree. */
    Configuration configuration() {
        record Settings(boolean enabled, long generation) {}
        Settings settings = jdbc.sql("select enabled, generation from proxy_settings where id = 1")
                .query((rs, row) -> new Settings(rs.getBoolean(1), rs.getLong(2)))
                .single();
        return new Configuration(settings.enabled(), settings.generation(), all());
    }

    List<ProxyHost> all() {
        return jdbc.sql("select document from proxy_hosts order by lower(name)")
                .query((rs, row) -> read(rs.getString(1)))
                .list();
    }

    Optional<ProxyHost> find(UUID id) {
        return jdbc.sql("select document from proxy_hosts where id = :id")
                .param("id", id)
                .query((rs, row) -> read(rs.getString(1)))
                .optional();
    }

    Optional<ProxyHost> findByName(String name) {
        return jdbc.sql("select document from proxy_hosts where lower(name) = lower(:name)")
                .param("name", name)
                .query((rs, row) -> read(rs.getString(1)))
                .optional();
    }

    /**
     * Serialises every change: writers take the settings row first, so uniqueness checks across hosts (names,
     * hostnames, ports) see every committed change.
     */
    void lockForChange() {
        jdbc.sql("select id from proxy_settings where id = 1 for update")
                .query(Integer.class)
                .single();
    }

    void insert(ProxyHost host, Instant now) {
        write("""
                        insert into proxy_hosts (id, name, host, port, document, created_at, updated_at)
                        values (:id, :name, :host, :port, cast(:document as jsonb), :now, :now)
                        """, host, now);
    }

    void update(ProxyHost host, Instant now) {
        write("""
                        update proxy_hosts set name = :name, host = :host, port = :port,
                            document = cast(:document as jsonb), updated_at = :now
                        where id = :id
                        """, host, now);
    }

    /** Runs an insert or update of one host with its columns and document bound, then bumps the generation. */
    private void write(String statement, ProxyHost host, Instant now) {
        jdbc.sql(statement)
                .param("id", UUID.fromString(host.id()))
                .param("name", host.name())
                .param("host", host.host())
                .param("port", host.port())
                .param("document", json.writeValueAsString(host))
                .param("now", Timestamp.from(now))
                .update();
        bump(now);
    }

    boolean delete(UUID id, Instant now) {
        boolean deleted = jdbc.sql("delete from proxy_hosts where id = :id")
                        .param("id", id)
                        .update()
                > 0;
        if (deleted) {
            bump(now);
        }
        return deleted;
    }

    void setEnabled(boolean enabled, Instant now) {
        jdbc.sql("update proxy_settings set enabled = :enabled where id = 1")
                .param("enabled", enabled)
                .update();
        bump(now);
    }

    /** A restart: replicas rebuild their listeners as after any change. */
    void bump(Instant now) {
        jdbc.sql("update proxy_settings set generation = generation + 1, updated_at = :now where id = 1")
                .param("now", Timestamp.from(now))
                .update();
    }

    private ProxyHost read(String document) {
        return json.readValue(document, ProxyHost.class);
    }
}
