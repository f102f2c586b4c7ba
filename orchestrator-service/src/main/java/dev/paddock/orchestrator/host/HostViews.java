package dev.paddock.orchestrator.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** The JSON shapes of the host API (the reference's names, plus Paddock's fleet fields). */
public final class HostViews {

    private HostViews() {}

    /** The reference's {@code CreateEnrollmentTokenRequest}. */
    public record CreateEnrollmentToken(
            @NotBlank @Size(max = 255) @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._-]*$", message = "may contain letters, digits, . _ -") String hostName,

            @Nullable @Min(1) @Max(10080) Integer ttlMinutes) {}

    /** The reference's {@code CreateEnrollmentTokenResponse}. */
    public record EnrollmentToken(String token, String hostName, Instant expiresAt) {}

    /** The reference's {@code ValidateEnrollmentTokenResponse}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EnrollmentTokenValidity(
            boolean valid,
            @Nullable String hostName,
            @Nullable Instant expiresAt,
            @Nullable String reason) {}

    /** The reference's {@code OrchestratorHostUpdateRequest}, plus tags and restrictions. */
    public record UpdateHost(
            @Nullable @Size(max = 1024) @Pattern(regexp = "^https?://.+", message = "must be an http(s) URL of the host agent")
            String host,

            @Nullable @Size(max = 1000) String description,

            @Nullable List<
                            @Pattern(
                                    regexp = "^[A-Za-z0-9._:-]{1,64}$",
                                    message = "tags are 1-64 letters, digits or . _ : -")
                            String>
                    tags,

            @Nullable List<String> requiredClaims,
            @Nullable List<String> requiredRoles) {}

    /** The reference's {@code HostResourceItem}, memory and disk in MB. */
    public record ResourceItem(
            int physicalCpuCount,
            int logicalCpuCount,
            long memorySize,
            long diskSize,
            long freeDiskSize,
            int totalAppleVms) {

        /** Several hosts' buckets added up. */
        public static ResourceItem sum(List<ResourceItem> items) {
            return new ResourceItem(
                    items.stream().mapToInt(ResourceItem::physicalCpuCount).sum(),
                    items.stream().mapToInt(ResourceItem::logicalCpuCount).sum(),
                    items.stream().mapToLong(ResourceItem::memorySize).sum(),
                    items.stream().mapToLong(ResourceItem::diskSize).sum(),
                    items.stream().mapToLong(ResourceItem::freeDiskSize).sum(),
                    items.stream().mapToInt(ResourceItem::totalAppleVms).sum());
        }
    }

    /** The reference's {@code HostResources}: the buckets the scheduler works from. */
    public record Resources(
            ResourceItem total,
            ResourceItem systemReserved,
            ResourceItem totalInUse,
            ResourceItem totalReserved,
            ResourceItem totalAvailable) {}

    /** The reference's {@code OrchestratorHostResponse}, with Paddock's fleet fields. */
    public record Host(
            UUID id,
            String name,
            boolean enabled,
            boolean draining,
            String host,
            @Nullable String architecture,
            @Nullable String cpuModel,
            String osName,
            @Nullable String osVersion,
            @Nullable String devopsVersion,
            @Nullable String description,
            List<String> tags,
            String state,
            @Nullable String stateReason,
            @Nullable Instant lastSeenAt,
            @Nullable String parallelsDesktopVersion,
            boolean parallelsDesktopLicensed,
            String mode,
            ResourceItem resources,
            Resources detailedResources,
            List<String> requiredClaims,
            List<String> requiredRoles,
            List<HostCaches.Item> cacheItems,
            Instant createdAt) {}
}
