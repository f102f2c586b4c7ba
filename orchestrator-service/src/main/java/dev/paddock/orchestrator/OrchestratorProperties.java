package dev.paddock.orchestrator;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the orchestrator ({@code paddock.orchestrator.*}).
 *
 * @param identity users, passwords and lockout
 * @param tokens the JWTs the orchestrator issues
 * @param secrets the operator key that seals secrets at rest
 * @param fleet how hosts report and how VMs are placed
 */
@Validated
@ConfigurationProperties("paddock.orchestrator")
public record OrchestratorProperties(
        @DefaultValue @Valid Identity identity,
        @DefaultValue @Valid Tokens tokens,
        @DefaultValue @Valid Secrets secrets,
        @DefaultValue @Valid Fleet fleet,
        @DefaultValue @Valid Deploy deploy) {

    /**
     * @param rootPassword password applied to the {@code root} user at every start ({@code PADDOCK_ROOT_PASSWORD}); when
     *     unset and no root exists yet, a random one is generated and printed once
     * @param lockout what failed logins cost
     * @param passwordPolicy rules every new password must follow
     * @param passwordHashStrength bcrypt cost factor
     */
    public record Identity(
            @Nullable String rootPassword,
            @Nullable String edgeApiKey,
            @DefaultValue @Valid Lockout lockout,
            @DefaultValue @Valid PasswordPolicy passwordPolicy,
            @DefaultValue("10") @Min(4) @Max(16) int passwordHashStrength) {}

    /**
     * @param maxFailedAttempts consecutive failures that lock an account
     * @param duration how long a locked account stays locked
     */
    public record Lockout(
            @DefaultValue("5") @Min(1) int maxFailedAttempts,
            @DefaultValue("5m") Duration duration) {}

    /** The reference's policy: 12–40 characters with upper, lower, digit and special characters. */
    public record PasswordPolicy(
            @DefaultValue("12") @Min(8) int minLength,
            @DefaultValue("40") @Max(72) int maxLength,
            @DefaultValue("true") boolean requireUppercase,
            @DefaultValue("true") boolean requireLowercase,
            @DefaultValue("true") boolean requireNumber,
            @DefaultValue("true") boolean requireSpecialChar) {}

    /**
     * @param issuer {@code iss} of issued tokens
     * @param lifetime how long an issued token is valid
     */
    public record Tokens(
            @DefaultValue("paddock") @NotBlank String issuer,
            @DefaultValue("15m") Duration lifetime) {}

    /**
     * @param heartbeatInterval how often agents are asked to report
     * @param unhealthyAfter a host not heard from for this long is unhealthy (and skipped by the scheduler)
     * @param enrollmentTokenTtl default lifetime of an enrollment token
     * @param placementPolicy {@code pack} fills hosts one by one (fewer hosts busy); {@code spread} balances load
     * @param reservationTimeout a capacity reservation older than this is released (its creation is taken as failed)
     * @param agentTimeout how long an ordinary call to an agent may take
     * @param createTimeout how long a VM creation on an agent may take
     */
    public record Fleet(
            @DefaultValue("5s") Duration heartbeatInterval,
            @DefaultValue("20s") Duration unhealthyAfter,
            @DefaultValue("15m") Duration enrollmentTokenTtl,

            @DefaultValue("pack") @jakarta.validation.constraints.Pattern(regexp = "pack|spread") String placementPolicy,

            @DefaultValue("30m") Duration reservationTimeout,
            @DefaultValue("60s") Duration agentTimeout,
            @DefaultValue("60m") Duration createTimeout) {}

    /**
     * @param key base64 of 32 random bytes sealing secrets at rest ({@code PADDOCK_SECRET_KEY}); when unset the key is
     *     read from (or, the first time, generated into) {@code keyFile}
     * @param keyFile where the generated key is kept when none is configured
     */
    public record Secrets(
            @Nullable String key,

            @DefaultValue(".paddock-data/orchestrator/secret.key")
            Path keyFile) {}

    /**
     * Installing the agent on a Mac over SSH ({@code POST /orchestrator/hosts/deploy}).
     *
     * @param publicUrl the orchestrator's URL as a new Mac reaches it: the installed agent enrolls there
     * @param agentJar the host agent's executable jar to install
     * @param installer the macOS installer ({@code install/macos/install-agent.sh})
     * @param knownHosts an OpenSSH known_hosts file that vouches for Macs' host keys when a request names none
     * @param connectTimeout how long connecting and logging in may take
     * @param enrollTimeout how long the installed agent may take to enroll
     */
    public record Deploy(
            @Nullable URI publicUrl,
            @Nullable Path agentJar,
            @Nullable Path installer,
            @Nullable Path knownHosts,
            @DefaultValue("15s") Duration connectTimeout,
            @DefaultValue("3m") Duration enrollTimeout) {}
}
