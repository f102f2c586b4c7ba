package dev.paddock.agent.machines;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.Vm;
import dev.paddock.common.problem.ProblemException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * macOS guests refuse "simultaneous logon attempts" beyond a few guest sessions, so guest commands in one macOS VM take
 * turns (the reference allows 2 at once, main.go:58-60). Other guests have no such limit.
 */
@Component
class MacOsLogons {

    private static final Duration WAIT = Duration.ofMinutes(2);

    private final Map<String, Semaphore> perVm = new ConcurrentHashMap<>();
    private final int limit;

    MacOsLogons(AgentProperties properties) {
        this.limit = properties.maxExecsPerMacOsVm();
    }

    /** A turn at running a command in a guest; closing it ends the turn. */
    interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    /** A turn in {@code vm}; close it when the command is done. */
    Turn take(Vm vm) {
        if (!vm.isMacOs()) {
            return () -> {};
        }
        Semaphore turns = perVm.computeIfAbsent(vm.id(), id -> new Semaphore(limit, true));
        try {
            if (!turns.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ProblemException(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "guest-busy",
                        "Guest busy",
                        "macOS VM " + vm.name() + " already runs " + limit
                                + " commands (macOS refuses more logons at once); try again when one has finished.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a turn in " + vm.name(), e);
        }
        return turns::release;
    }
}
