package dev.paddock.orchestrator.host;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Computes {@link HostCapacity} in one query from the host's totals, the VMs that hold capacity and the open
 * reservations. Run inside the transaction that holds the host's row lock, the answer cannot be overtaken by another
 * scheduling decision on that host.
 */
@Component
public class HostCapacities {

    /**
     * The columns both queries answer: the host's totals and what its VMs (v: those in a state that holds CPU and
     * memory — running, paused and the transitions) and open reservations (r) hold.
     */
    private static final String COLUMNS = """
            select h.id, h.total_cpus, h.total_memory_mb, h.free_disk_mb, h.reserved_cpus, h.reserved_memory_mb,
                   h.reserved_disk_mb,
                   coalesce(v.cpus, 0) as used_cpus, coalesce(v.memory, 0) as used_memory, coalesce(v.macs, 0) as used_macs,
                   coalesce(r.cpus, 0) as pending_cpus, coalesce(r.memory, 0) as pending_memory,
                   coalesce(r.disk, 0) as pending_disk, coalesce(r.macs, 0) as pending_macs
            """;

    private static final String QUERY = COLUMNS + """
              from hosts h
              left join (select host_id, sum(cpus) as cpus, sum(memory_mb) as memory, count(*) filter (where macos) as macs
                           from host_vms
                          where state in ('running', 'paused', 'starting', 'resuming', 'resetting', 'stopping', 'suspending', 'restoring')
                          group by host_id) v on v.host_id = h.id
              left join (select host_id, sum(cpus) as cpus, sum(memory_mb) as memory, sum(disk_mb) as disk,
                                count(*) filter (where macos) as macs
                           from capacity_reservations
                          where expires_at > ?
                          group by host_id) r on r.host_id = h.id
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    HostCapacities(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One host's capacity; the sums are restricted to the host inside the subqueries, so only its rows are read. */
    private static final String QUERY_ONE = COLUMNS + """
              from hosts h
              left join (select sum(cpus) as cpus, sum(memory_mb) as memory, count(*) filter (where macos) as macs
                           from host_vms
                          where host_id = ?
                            and state in ('running', 'paused', 'starting', 'resuming', 'resetting', 'stopping', 'suspending', 'restoring')) v on true
              left join (select sum(cpus) as cpus, sum(memory_mb) as memory, sum(disk_mb) as disk,
                                count(*) filter (where macos) as macs
                           from capacity_reservations
                          where host_id = ? and expires_at > ?) r on true
             where h.id = ?
            """;

    public HostCapacity of(UUID hostId) {
        List<HostCapacity> found =
                jdbc.query(QUERY_ONE, (rs, row) -> map(rs), hostId, hostId, Timestamp.from(clock.instant()), hostId);
        return found.isEmpty() ? empty() : found.getFirst();
    }

    public Map<UUID, HostCapacity> all() {
        Map<UUID, HostCapacity> capacities = new HashMap<>();
        jdbc.query(
                QUERY,
                rs -> {
                    capacities.put(rs.getObject("id", UUID.class), map(rs));
                },
                Timestamp.from(clock.instant()));
        return capacities;
    }

    private static HostCapacity map(ResultSet rs) throws SQLException {
        return new HostCapacity(
                rs.getInt("total_cpus"),
                rs.getLong("total_memory_mb"),
                rs.getLong("free_disk_mb"),
                rs.getInt("reserved_cpus"),
                rs.getLong("reserved_memory_mb"),
                rs.getLong("reserved_disk_mb"),
                rs.getInt("used_cpus"),
                rs.getLong("used_memory"),
                rs.getInt("used_macs"),
                rs.getInt("pending_cpus"),
                rs.getLong("pending_memory"),
                rs.getLong("pending_disk"),
                rs.getInt("pending_macs"));
    }

    static HostCapacity empty() {
        return new HostCapacity(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
