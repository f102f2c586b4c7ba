package dev.paddock.orchestrator.userconfig;

import dev.paddock.common.problem.ProblemException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each user's own settings: typed values by slug (the reference's {@code /user/configs}; its web UI keeps its
 * preferences there). A caller only ever sees and changes their own; a setting is named by its id or its slug.
 */
@Service
public class UserConfigs {

    /** Large enough for a UI's layout or filter state, small enough that no one keeps files here. */
    static final int MAX_VALUE_CHARS = 64 * 1024;

    private final UserConfigRepository configs;
    private final Clock clock;

    UserConfigs(UserConfigRepository configs, Clock clock) {
        this.configs = configs;
        this.clock = clock;
    }

    /** The reference's {@code UserConfigRequest}. */
    public record CreateUserConfig(
            @NotBlank @Pattern(
                    regexp = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$",
                    message = "must be 1-128 letters, digits or . _ : -, starting with a letter or digit")
            String slug,

            @Nullable @Size(max = 255) String name,
            @Nullable String type,
            @Nullable @Size(max = MAX_VALUE_CHARS) String value) {}

    /** The reference's {@code UserConfigUpdateRequest}: what is left out stays as it was. */
    public record UpdateUserConfig(
            @Nullable @Size(max = 255) String name,
            @Nullable String type,
            @Nullable @Size(max = MAX_VALUE_CHARS) String value) {}

    /** The reference's {@code UserConfigResponse}. */
    public record UserConfig(
            UUID id,
            UUID userId,
            String slug,
            String name,
            String type,
            String value,
            Instant createdAt,
            Instant updatedAt) {}

    @Transactional(readOnly = true)
    public List<UserConfig> list(UUID userId) {
        return configs.findByUserIdOrderBySlugAsc(userId).stream()
                .map(UserConfigs::view)
                .toList();
    }

    @Transactional(readOnly = true)
    public UserConfig get(UUID userId, String idOrSlug) {
        return view(find(userId, idOrSlug));
    }

    @Transactional
    public UserConfig create(UUID userId, CreateUserConfig request) {
        UserConfigType type = request.type() == null ? UserConfigType.STRING : UserConfigType.of(request.type());
        String value = request.value() == null ? "" : request.value();
        type.check(request.slug(), value);
        if (configs.findByUserIdAndSlug(userId, request.slug()).isPresent()) {
            throw exists(request.slug());
        }
        String name = request.name() == null || request.name().isBlank() ? request.slug() : request.name();
        try {
            return view(configs.saveAndFlush(
                    new UserConfigEntity(userId, request.slug(), name, type, value, clock.instant())));
        } catch (DataIntegrityViolationException raced) {
            // The same user created the same slug at the same moment: the unique key kept one.
            throw exists(request.slug());
        }
    }

    @Transactional
    public UserConfig update(UUID userId, String idOrSlug, UpdateUserConfig request) {
        UserConfigEntity config = find(userId, idOrSlug);
        UserConfigType type =
                request.type() == null ? UserConfigType.of(config.type) : UserConfigType.of(request.type());
        String value = request.value() == null ? config.value : request.value();
        type.check(config.slug, value);
        if (request.name() != null && !request.name().isBlank()) {
            config.name = request.name();
        }
        config.type = type.wireName();
        config.value = value;
        config.updatedAt = clock.instant();
        return view(config);
    }

    @Transactional
    public void delete(UUID userId, String idOrSlug) {
        configs.delete(find(userId, idOrSlug));
    }

    private UserConfigEntity find(UUID userId, String idOrSlug) {
        return byId(userId, idOrSlug)
                .or(() -> configs.findByUserIdAndSlug(userId, idOrSlug))
                .orElseThrow(() -> ProblemException.notFound(
                        "user-config-not-found",
                        "You have no setting '" + idOrSlug + "'. List yours with GET /api/v1/user/configs."));
    }

    private Optional<UserConfigEntity> byId(UUID userId, String idOrSlug) {
        try {
            return configs.findByIdAndUserId(UUID.fromString(idOrSlug), userId);
        } catch (IllegalArgumentException notAnId) {
            return Optional.empty();
        }
    }

    private static ProblemException exists(String slug) {
        return ProblemException.conflict(
                "user-config-exists", "You already have a setting '" + slug + "'; change it with PUT instead.");
    }

    private static UserConfig view(UserConfigEntity config) {
        return new UserConfig(
                config.id,
                config.userId,
                config.slug,
                config.name,
                config.type,
                config.value,
                config.createdAt,
                config.updatedAt);
    }
}
