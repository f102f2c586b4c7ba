package dev.paddock.contracts.machine;

import dev.paddock.contracts.architecture.Architectures;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The reference's {@code CreateVirtualMachineRequest} as the agent ({@code POST /api/v1/machines[/async]}) and the
 * orchestrator ({@code POST /api/v1/orchestrator/[hosts/{id}/]machines[/async]}) take it, plus Paddock's
 * {@code clone_of}: create the VM as a copy of a VM (typically a template) already on a host. The orchestrator also
 * reads {@code architecture} and {@code selection_tags} to choose the host.
 */
public record CreateMachine(
        @NotBlank @Pattern(regexp = VmNames.PATTERN, message = VmNames.MESSAGE) String name,

        @Nullable String owner,

        @Nullable @Pattern(regexp = Architectures.PATTERN, message = Architectures.MESSAGE) String architecture,

        boolean startOnCreate,
        @Nullable List<String> selectionTags,
        @Nullable @Valid CloneOf cloneOf,
        @Nullable @Valid CatalogManifest catalogManifest,
        @Nullable Map<String, Object> packerTemplate,
        @Nullable Map<String, Object> vagrantBox) {

    /** The VM to copy and the size of the copy. */
    public record CloneOf(
            @NotBlank @Size(max = 128) String vm,

            @Nullable @Min(1) @Max(128) Integer cpu,

            @Nullable @Min(512) @Max(1048576) Integer memory) {}
}
