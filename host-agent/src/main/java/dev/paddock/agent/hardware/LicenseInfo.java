package dev.paddock.agent.hardware;

import dev.paddock.agent.parallels.ParallelsDesktop;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * PD's licence ({@code prlsrvctl info --license --json}, keys as REF models/parallels_desktop_license.go), kept five
 * minutes as the reference keeps it (license.go:24-75). The serial is shown by its last five characters only: a licence
 * key is a secret of the operator's, and everyone with read access to hosts can call this.
 */
@Service
public class LicenseInfo {

    private static final Duration KEEP = Duration.ofMinutes(5);

    private final ParallelsDesktop parallels;
    private final Clock clock;
    private volatile @Nullable License cached;
    private volatile Instant readAt = Instant.EPOCH;

    LicenseInfo(ParallelsDesktop parallels, Clock clock) {
        this.parallels = parallels;
        this.clock = clock;
    }

    /** The reference's {@code ParallelsDesktopLicense}. */
    public record License(
            String status,
            String serial,
            String expiration,
            String mainPeriodEndsAt,
            String gracePeriodEndsAt,
            long cpuTotal,
            long maxMemory,
            String edition,
            String isTrial,
            String isVolume,
            String deferredActivation,
            String uuid) {}

    public License license() {
        License known = cached;
        if (known == null || readAt.plus(KEEP).isBefore(clock.instant())) {
            known = read(parallels.licenseInfo());
            cached = known;
            readAt = clock.instant();
        }
        return known;
    }

    static License read(JsonNode json) {
        return new License(
                json.path("status").asString(""),
                masked(json.path("serial").asString("")),
                json.path("expiration").asString(""),
                json.path("main_period_ends_at").asString(""),
                json.path("grace_period_ends_at").asString(""),
                json.path("cpu_total").asLong(0),
                json.path("max_memory").asLong(0),
                json.path("edition").asString(""),
                json.path("is_trial").asString(""),
                json.path("is_volume").asString(""),
                json.path("deferred_activation").asString(""),
                json.path("uuid").asString(""));
    }

    private static String masked(String serial) {
        return serial.length() <= 5 ? serial : "*".repeat(serial.length() - 5) + serial.substring(serial.length() - 5);
    }
}
