package dev.paddock.contracts.machine;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.jspecify.annotations.Nullable;

/**
 * The reference's {@code CreateCatalogVirtualMachineRequest}: create a VM from a catalog image. The orchestrator takes
 * it from its callers, plans with it and hands it on to the chosen host's agent, which pulls and registers the image.
 *
 * @param architecture the image's; default the host's
 * @param owner the macOS user who will own the VM; default the request's owner
 * @param path the VM folder to pull into; default the agent's
 * @param connection a catalog connection string of the reference's; Paddock's agents use their configured catalog
 */
public record CatalogManifest(
        @NotBlank String catalogId,
        @Nullable String version,
        @Nullable String architecture,
        @Nullable String owner,
        @Nullable String path,
        @Nullable String connection,
        @Nullable Boolean startAfterPull,
        @Nullable @Valid Specs specs) {

    /** The reference's {@code CreateVirtualMachineSpecs}: numbers as strings there, plain numbers accepted too. */
    public record Specs(
            @Nullable String cpu,
            @Nullable String memory,
            @Nullable String disk,
            @Nullable String type) {}
}
