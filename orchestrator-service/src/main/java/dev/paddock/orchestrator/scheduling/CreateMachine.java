package dev.paddock.orchestrator.scheduling;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.paddock.contracts.agent.CatalogManifest;
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
 * The reference's {@code CreateVirtualMachineRequest} as the orchestrator takes it: where the VM comes from
 * ({@code catalog_manifest}, or Paddock's {@code clone_of}), how big it is, and which hosts may take it
 * ({@code architecture}, {@code selection_tags}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CreateMachine(
        @NotBlank @Pattern(
                regexp = "^[A-Za-z0-9][A-Za-z0-9 ._()+@-]{0,127}$",
                message =
                        "must be 1-128 characters: letters, digits, space and . _ ( ) + @ -, starting with a letter or digit")
        String name,

        @Nullable String owner,

        @Nullable @Pattern(regexp = "^(x86_64|amd64|arm64|aarch64)$", message = "must be x86_64 or arm64")
        String architecture,

        boolean startOnCreate,
        @Nullable List<String> selectionTags,
        @Nullable @Valid CloneOf cloneOf,
        @Nullable @Valid CatalogManifest catalogManifest,
        @Nullable Map<String, Object> packerTemplate,
        @Nullable Map<String, Object> vagrantBox) {

    /** Paddock's: copy a VM already on a host; only hosts that have it can take the new VM. */
    public record CloneOf(
            @NotBlank @Size(max = 128) String vm,
            @Nullable @Min(1) @Max(128) Integer cpu,
            @Nullable @Min(512) @Max(1048576) Integer memory) {}

    /** The reference's {@code CreateVirtualMachineResponse}. */
    public record Created(
            String id, String host, String name, @Nullable String owner, String currentState) {}
}
