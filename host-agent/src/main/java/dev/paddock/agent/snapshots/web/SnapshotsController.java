package dev.paddock.agent.snapshots.web;

import dev.paddock.agent.machines.MachineRequests.CommonResponse;
import dev.paddock.agent.machines.MachineRequests.CreateSnapshot;
import dev.paddock.agent.machines.MachineRequests.DeleteSnapshot;
import dev.paddock.agent.machines.MachineRequests.RevertSnapshot;
import dev.paddock.agent.machines.MachineRequests.SnapshotCreated;
import dev.paddock.agent.machines.MachineRequests.SnapshotTree;
import dev.paddock.agent.snapshots.Snapshots;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * On the agent the "own" snapshot claims do not apply: the agent does not know which Paddock user a VM belongs to, so
 * it requires the full claims (the orchestrator applies the own-variants, knowing who created each VM).
 */
@RestController
@RequestMapping("/api/v1/machines/{id}/snapshots")
@Tag(name = "Snapshots")
class SnapshotsController {

    private final Snapshots snapshots;

    SnapshotsController(Snapshots snapshots) {
        this.snapshots = snapshots;
    }

    @GetMapping
    @RequiresClaims(Claims.LIST_SNAPSHOT_VM)
    @Operation(summary = "The VM's snapshot tree")
    SnapshotTree tree(@PathVariable String id) {
        return snapshots.tree(id);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.CREATE_SNAPSHOT_VM)
    @Operation(summary = "Take a snapshot")
    SnapshotCreated create(
            @PathVariable String id, @Valid @RequestBody(required = false) @Nullable CreateSnapshot request) {
        return snapshots.create(
                id,
                request == null ? null : request.snapshotName(),
                request == null ? null : request.snapshotDescription());
    }

    @DeleteMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_ALL_SNAPSHOTS_VM)
    @Operation(summary = "Delete every snapshot of the VM")
    void deleteAll(@PathVariable String id) {
        snapshots.deleteAll(id);
    }

    @DeleteMapping("/{snapshotId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_SNAPSHOT_VM)
    @Operation(summary = "Delete one snapshot; delete_children also deletes those taken after it")
    void delete(
            @PathVariable String id,
            @PathVariable String snapshotId,
            @RequestBody(required = false) @Nullable DeleteSnapshot request) {
        snapshots.delete(id, snapshotId, request != null && request.deleteChildren());
    }

    @PostMapping("/{snapshotId}/revert")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.REVERT_SNAPSHOT_VM)
    @Operation(summary = "Revert the VM to a snapshot; skip_resume leaves it stopped")
    CommonResponse revert(
            @PathVariable String id,
            @PathVariable String snapshotId,
            @RequestBody(required = false) @Nullable RevertSnapshot request) {
        snapshots.revert(id, snapshotId, request != null && request.skipResume());
        return new CommonResponse(true, 202, "revert", null);
    }
}
