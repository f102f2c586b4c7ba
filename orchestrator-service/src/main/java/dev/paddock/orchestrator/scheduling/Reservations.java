package dev.paddock.orchestrator.scheduling;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Capacity promised to VMs being created. Each expires, so a creation that dies cannot hold capacity forever. The
 * {@code capacity_reservations} table is written here and nowhere else; the host feature reads it to compute capacity.
 */
@Component
public class Reservations {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    Reservations(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Must run in the transaction holding the host's row lock (see {@code Hosts.underLock}). */
    UUID reserve(UUID hostId, Demand demand, Duration timeout) {
        UUID id = UUID.randomUUID();
        jdbc.update(
                "insert into capacity_reservations (id, host_id, cpus, memory_mb, disk_mb, macos, vm_name, created_at, expires_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                hostId,
                demand.cpus(),
                demand.memoryMb(),
                demand.diskMb(),
                demand.macos(),
                demand.vmName(),
                Timestamp.from(clock.instant()),
                Timestamp.from(clock.instant().plus(timeout)));
        return id;
    }

    void release(UUID reservation) {
        jdbc.update("delete from capacity_reservations where id = ?", reservation);
    }

    /** Releases the reservations whose creation never finished (for the fleet monitor); answers how many. */
    public int releaseExpired() {
        return jdbc.update("delete from capacity_reservations where expires_at < ?", Timestamp.from(clock.instant()));
    }
}
