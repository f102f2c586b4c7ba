package dev.paddock.orchestrator.vm;

import dev.paddock.common.units.Sizes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The orchestrator's copy of the VMs on every host, made from what the agents answer (the reference host API's VM
 * object). A host's whole list is replaced when its digest changes; single VMs are patched after events and after
 * operations forwarded through the orchestrator. Who created a VM through the orchestrator is remembered across both.
 */
@Service
public class FleetVms {

    private final HostVmRepository vms;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;

    FleetVms(HostVmRepository vms, JsonMapper json, Clock clock, TransactionTemplate transactions, JdbcTemplate jdbc) {
        this.vms = vms;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Replaces a host's VMs with what its agent lists. The list is fetched outside any transaction; rows written after
     * the fetch began (a VM just created or started through the orchestrator) are newer than the list and kept as they
     * are — otherwise a slow list could erase a VM whose reservation was already released, and the host would look
     * emptier than it is.
     */
    public void replaceHostVms(UUID hostId, Supplier<List<JsonNode>> lister) {
        Instant listedAt = clock.instant();
        List<JsonNode> listed = lister.get();
        List<HostVmEntity> rows =
                listed.stream().map(vm -> toEntity(hostId, vm)).toList();
        java.sql.Timestamp before = java.sql.Timestamp.from(listedAt);
        // Plain SQL: a sync runs on every VM-list change of every host, and an entity per row cost more than the rest.
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate("""
                    insert into host_vms (host_id, vm_id, name, state, macos, cpus, memory_mb, disk_mb, ip, owner, raw,
                                          updated_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    on conflict (host_id, vm_id) do update
                       set name = excluded.name, state = excluded.state, macos = excluded.macos, cpus = excluded.cpus,
                           memory_mb = excluded.memory_mb, disk_mb = excluded.disk_mb, ip = excluded.ip,
                           owner = excluded.owner, raw = excluded.raw, updated_at = excluded.updated_at
                     where host_vms.updated_at < ?
                    """, rows, 500, (statement, vm) -> {
                statement.setObject(1, hostId);
                statement.setString(2, vm.key.vmId());
                statement.setString(3, vm.name);
                statement.setString(4, vm.state);
                statement.setBoolean(5, vm.macos);
                statement.setInt(6, vm.cpus);
                statement.setLong(7, vm.memoryMb);
                statement.setLong(8, vm.diskMb);
                statement.setString(9, vm.ip);
                statement.setString(10, vm.owner);
                statement.setString(11, vm.raw);
                statement.setTimestamp(12, java.sql.Timestamp.from(vm.updatedAt));
                statement.setTimestamp(13, before);
            });
            String[] ids = rows.stream().map(vm -> vm.key.vmId()).toArray(String[]::new);
            jdbc.update(connection -> {
                var statement = connection.prepareStatement(
                        "delete from host_vms where host_id = ? and updated_at < ? and vm_id <> all(?)");
                statement.setObject(1, hostId);
                statement.setTimestamp(2, before);
                statement.setArray(3, connection.createArrayOf("varchar", ids));
                return statement;
            });
        });
    }

    /**
     * Records one VM as the agent just described it, in one statement: a heartbeat's list sync may be inserting the same
     * VM at the same moment, and whoever comes second must update, not fail.
     */
    public FleetVm upsert(UUID hostId, JsonNode vm, @Nullable UUID createdBy) {
        HostVmEntity row = toEntity(hostId, vm);
        UUID creator = jdbc.queryForObject(
                """
                insert into host_vms (host_id, vm_id, name, state, macos, cpus, memory_mb, disk_mb, ip, owner, raw,
                                      updated_at, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (host_id, vm_id) do update
                   set name = excluded.name, state = excluded.state, macos = excluded.macos, cpus = excluded.cpus,
                       memory_mb = excluded.memory_mb, disk_mb = excluded.disk_mb, ip = excluded.ip,
                       owner = excluded.owner, raw = excluded.raw, updated_at = excluded.updated_at,
                       created_by = coalesce(excluded.created_by, host_vms.created_by)
                returning created_by
                """,
                UUID.class,
                hostId,
                row.key.vmId(),
                row.name,
                row.state,
                row.macos,
                row.cpus,
                row.memoryMb,
                row.diskMb,
                row.ip,
                row.owner,
                row.raw,
                java.sql.Timestamp.from(row.updatedAt),
                createdBy);
        row.createdBy = creator;
        return toRecord(row);
    }

    @Transactional
    public void remove(UUID hostId, String vmId) {
        // A plain delete, not load-then-delete: the row may already be gone (the agent's event about the same VM
        // races the answer to the delete), which must not turn a successful delete into a 500.
        vms.deleteIfPresent(hostId, vmId);
    }

    /** How many VMs are in each state (lower case, as PD's states are compared), for the fleet's gauges. */
    public Map<String, Long> countByState() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select lower(state) as state, count(*) as vms from host_vms group by lower(state)", row -> {
            counts.put(row.getString("state"), row.getLong("vms"));
        });
        return counts;
    }

    @Transactional(readOnly = true)
    public List<FleetVm> all() {
        return vms.findAllOrdered().stream().map(FleetVms::toRecord).toList();
    }

    @Transactional(readOnly = true)
    public List<FleetVm> onHost(UUID hostId) {
        return vms.findByKeyHostId(hostId).stream().map(FleetVms::toRecord).toList();
    }

    /** Every VM with this id or name (names may repeat across hosts). */
    @Transactional(readOnly = true)
    public List<FleetVm> find(String idOrName) {
        return vms.findByIdOrName(stripBraces(idOrName)).stream()
                .map(FleetVms::toRecord)
                .toList();
    }

    /** PD's object for a VM, as last reported. */
    @Transactional(readOnly = true)
    public Optional<JsonNode> raw(UUID hostId, String vmId) {
        return vms.findById(new HostVmEntity.Key(hostId, vmId)).map(vm -> json.readTree(vm.raw));
    }

    /** Every VM's PD object, for the fleet view. */
    @Transactional(readOnly = true)
    /** Receives the stored VMs one by one, as the agents described them (JSON text). */
    @FunctionalInterface
    public interface RawVmHandler {
        void accept(UUID hostId, String rawJson) throws IOException;
    }

    /**
     * Streams every stored VM, ordered by name, without building objects for them: the fleet list of 10,000 VMs is the
     * orchestrator's largest answer, and parsing each VM only to write it out again would dominate its cost.
     */
    public void streamRaw(@Nullable UUID onlyHost, RawVmHandler handler) {
        String sql = "select host_id, raw from host_vms"
                + (onlyHost == null ? "" : " where host_id = ?")
                + " order by lower(name), host_id";
        RowCallbackHandler rows = rs -> {
            try {
                handler.accept(rs.getObject(1, UUID.class), rs.getString(2));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        transactions.executeWithoutResult(status -> {
            // Inside a transaction PostgreSQL's driver honours the fetch size and streams rows instead of loading all.
            jdbc.query(
                    connection -> {
                        var statement = connection.prepareStatement(sql);
                        statement.setFetchSize(500);
                        if (onlyHost != null) {
                            statement.setObject(1, onlyHost);
                        }
                        return statement;
                    },
                    rows);
        });
    }

    private HostVmEntity toEntity(UUID hostId, JsonNode vm) {
        String id = stripBraces(vm.path("ID").asString(""));
        HostVmEntity entity = new HostVmEntity(new HostVmEntity.Key(hostId, id));
        JsonNode hardware = vm.path("Hardware");
        String home = vm.path("Home").asString("");
        entity.name = vm.path("Name").asString(id);
        entity.state = vm.path("State").asString("unknown");
        entity.macos = "APPLE_VZ_VM".equals(vm.path("Type").asString(""))
                || home.endsWith(".macvm/")
                || home.endsWith(".macvm")
                || vm.path("OS").asString("").startsWith("macos");
        entity.cpus = hardware.path("cpu").path("cpus").asInt(0);
        entity.memoryMb =
                Math.max(0, Sizes.megabytes(hardware.path("memory").path("size").asString("0")));
        entity.diskMb =
                Math.max(0, Sizes.megabytes(hardware.path("hdd0").path("size").asString("0")));
        String ip = vm.path("internal_ip_address").asString("");
        entity.ip = ip.isBlank() ? null : ip;
        entity.owner = vm.path("user").asString(null);
        entity.raw = json.writeValueAsString(vm);
        entity.updatedAt = clock.instant();
        return entity;
    }

    private static FleetVm toRecord(HostVmEntity vm) {
        return new FleetVm(
                vm.key.hostId(), vm.key.vmId(), vm.name, vm.state, vm.macos, vm.cpus, vm.memoryMb, vm.ip, vm.createdBy);
    }

    static String stripBraces(String id) {
        return id.startsWith("{") && id.endsWith("}") ? id.substring(1, id.length() - 1) : id;
    }
}
