package dev.paddock.orchestrator.host;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The host's row lock, under which every capacity decision about that host is taken, on every replica. */
@Component
class HostLocks {

    private final HostRepository hosts;
    private final HostCapacities capacities;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    HostLocks(HostRepository hosts, HostCapacities capacities, TransactionTemplate transactions, JdbcTemplate jdbc) {
        this.hosts = hosts;
        this.capacities = capacities;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    <T> T underLock(UUID hostId, Function<HostCapacity, T> work) {
        return transactions.execute(status -> {
            hosts.lockById(hostId).orElseThrow(() -> new HostNotFound(hostId.toString()));
            return work.apply(capacities.of(hostId));
        });
    }

    <T> Optional<T> tryUnderLock(UUID hostId, Function<HostCapacity, T> work) {
        return transactions.execute(status -> {
            List<UUID> locked =
                    jdbc.queryForList("select id from hosts where id = ? for update skip locked", UUID.class, hostId);
            if (locked.isEmpty()) {
                return Optional.<T>empty();
            }
            return Optional.of(work.apply(capacities.of(hostId)));
        });
    }
}
