package dev.paddock.agent.machines;

import dev.paddock.contracts.machine.VmNames;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Request and response bodies of the host API, with the reference's field names. */
public final class MachineRequests {

    /**
     * Names PD accepts that are also safe as a single prlctl argument: no path separators, no leading dash (which prlctl
     * would read as a flag), printable.
     */
    public static final String VM_NAME = VmNames.PATTERN;

    static final String VM_NAME_MESSAGE = VmNames.MESSAGE;

    private MachineRequests() {}

    /** The reference's {@code RegisterVirtualMachineRequest}. */
    public record Register(
            @NotBlank @Size(max = 1024) String path,
            @Nullable String owner,

            @Nullable @Pattern(regexp = "^\\{?[0-9a-fA-F-]{36}\\}?$", message = "must be a UUID") String uuid,

            @Nullable @Pattern(regexp = VM_NAME, message = VM_NAME_MESSAGE) String machineName,

            boolean regenerateSourceUuid,
            boolean force,
            boolean delayApplyingRestrictions) {}

    /** The reference's {@code UnregisterVirtualMachineRequest}. */
    public record Unregister(@Nullable String owner, boolean cleanSourceUuid) {}

    /** The reference's {@code RenameVirtualMachineRequest}. */
    public record Rename(
            @NotBlank @Pattern(regexp = VM_NAME, message = VM_NAME_MESSAGE) String newName,

            @Nullable @Size(max = 1024) String description) {}

    /** The reference's {@code VirtualMachineCloneCommandRequest}. */
    public record Clone(
            @NotBlank @Pattern(regexp = VM_NAME, message = VM_NAME_MESSAGE) String cloneName,

            @Nullable @Size(max = 1024) String destinationPath) {}

    /** The reference's {@code VirtualMachineCloneCommandResponse}. */
    public record CloneResult(
            String id, String status, @Nullable String error) {}

    /** The reference's {@code VirtualMachineConfigRequest}: a batch of {@code prlctl set} operations. */
    public record Configure(
            @Nullable String owner,
            @Valid @Size(min = 1, max = 50) List<ConfigOperation> operations) {}

    public record ConfigOperation(
            @NotBlank String group,
            @NotBlank String operation,
            @Nullable @Size(max = 1024) String value,
            @Nullable List<ConfigOption> options,
            @Nullable List<String> flags) {}

    public record ConfigOption(
            @NotBlank String flag, @Nullable String value) {}

    /** The reference's {@code VirtualMachineConfigResponse}. */
    public record ConfigResult(List<ConfigOperationResult> operations) {}

    public record ConfigOperationResult(
            String group,
            String operation,
            String status,
            @Nullable String error) {}

    /** The reference's {@code VirtualMachineExecuteCommandRequest}. */
    public record Execute(
            @Nullable @Size(max = 8192) String command,
            @Nullable Map<String, String> environmentVariables,
            @Nullable Object script,
            boolean useSudo,
            boolean useSsh,

            @Nullable @Pattern(regexp = "^[a-z_][a-z0-9_.-]{0,31}$", message = "must be a valid user name") String user) {}

    /** The reference's {@code VirtualMachineExecuteCommandResponse}. */
    public record ExecuteResult(
            String stdout,
            String stderr,
            int exitCode,
            @Nullable String error) {}

    /** The reference's {@code CreateVMSnapshotRequest}. */
    public record CreateSnapshot(
            @Nullable @Pattern(
                    regexp = "^[^-\\p{Cntrl}][^\\p{Cntrl}]{0,127}$",
                    message = "must be 1-128 printable characters, not starting with -")
            String snapshotName,

            @Nullable @Size(max = 1024) @Pattern(regexp = "^[^-\\p{Cntrl}][^\\p{Cntrl}]*$|^$", message = "must be printable, not starting with -") String snapshotDescription) {}

    /** The reference's {@code CreateVMSnapshotResponse}. */
    public record SnapshotCreated(String snapshotId, String snapshotName) {}

    /** The reference's {@code VMSnapshot}: a node of the snapshot tree. */
    public record SnapshotNode(
            String id,
            String name,
            String date,
            String state,
            boolean current,
            String parent,
            List<SnapshotNode> children) {}

    /** The reference's {@code ListVMSnapshotResponse}. */
    public record SnapshotTree(List<SnapshotNode> snapshots) {}

    public record DeleteSnapshot(boolean deleteChildren) {}

    public record RevertSnapshot(boolean skipResume) {}

    /** The reference's {@code ApiCommonResponse}. */
    public record CommonResponse(
            boolean success,
            int code,
            String operation,
            @Nullable String error) {}

    /** The reference's {@code VirtualMachineUploadRequest}: a file on the host, and the guest folder to put it in. */
    public record Upload(
            @NotBlank @Size(max = 1024) String path,

            @NotBlank @Size(max = 1024) @Pattern(regexp = "^[^-\\p{Cntrl}][^\\p{Cntrl}]*$", message = "must be a guest path not starting with -") String remotePath) {}

    /** The reference's {@code VirtualMachineUploadResponse}. */
    public record Uploaded(String path, @Nullable String error) {}
}
