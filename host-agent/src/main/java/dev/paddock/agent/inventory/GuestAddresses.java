package dev.paddock.agent.inventory;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Vm;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Addresses of running macOS guests. PD's {@code list} reports none for them, so the agent asks the guest
 * ({@code prlctl exec <vm> ipconfig getifaddr en0}) as the reference does (main.go:773-871, at most once per 30 s per
 * VM), and remembers the answer while the VM runs. Without it, tunnels and the edge could not reach a macOS VM.
 */
@Component
class GuestAddresses {

    private static final Logger log = LoggerFactory.getLogger(GuestAddresses.class);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(15);

    private record Asked(@Nullable String address, Instant at) {}

    private final ParallelsDesktop parallels;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Asked> byVm = new ConcurrentHashMap<>();

    GuestAddresses(ParallelsDesktop parallels, Clock clock, AgentProperties properties) {
        this.parallels = parallels;
        this.clock = clock;
        this.interval = properties.inventory().guestAddressInterval();
    }

    /** The VM with its guest's address filled in where PD gives none and the guest can be asked. */
    Vm complete(Vm vm) {
        if (!vm.isRunning()) {
            byVm.remove(vm.id());
            return vm;
        }
        if (vm.ip() != null || !vm.isMacOs()) {
            return vm;
        }
        Asked asked = byVm.get(vm.id());
        if (asked == null
                || (asked.address() == null && asked.at().plus(interval).isBefore(clock.instant()))) {
            asked = new Asked(ask(vm).orElse(null), clock.instant());
            byVm.put(vm.id(), asked);
        }
        return asked.address() == null ? vm : vm.withIp(asked.address());
    }

    private Optional<String> ask(Vm vm) {
        try {
            return parallels.macGuestAddress(vm, ASK_TIMEOUT);
        } catch (RuntimeException e) {
            log.debug("macOS guest {} did not tell its address: {}", vm.name(), e.toString());
            return Optional.empty();
        }
    }
}
