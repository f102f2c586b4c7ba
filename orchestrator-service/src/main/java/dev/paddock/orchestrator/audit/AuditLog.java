package dev.paddock.orchestrator.audit;

import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.PaddockPrincipal;
import dev.paddock.common.web.RequestIds;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records every mutation: who (from the authenticated caller), what, on which target, under which request id. Runs in
 * the caller's transaction, so a mutation and its audit record commit or roll back together.
 */
@Service
public class AuditLog {

    private static final Logger log = LoggerFactory.getLogger("paddock.audit");

    private final AuditEventRepository events;
    private final Clock clock;

    AuditLog(AuditEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    /**
     * @param action what happened, e.g. {@code USER_CREATED}
     * @param targetType kind of thing changed, e.g. {@code user}
     * @param targetId its id
     * @param details small key/values worth keeping (never secrets)
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String action, String targetType, @Nullable String targetId, Map<String, ?> details) {
        PaddockPrincipal actor = CurrentCaller.principal().orElse(null);
        String detailText = details.isEmpty()
                ? null
                : details.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .collect(Collectors.joining(", "));
        events.save(new AuditEventEntity(
                clock.instant(),
                actor == null ? null : actor.userId(),
                actor == null ? "system" : actor.username(),
                action,
                targetType,
                targetId,
                detailText,
                MDC.get(RequestIds.MDC_KEY)));
        log.info(
                "{} {} {} by {}{}",
                action,
                targetType,
                targetId,
                actor == null ? "system" : actor.username(),
                detailText == null ? "" : " (" + detailText + ")");
    }

    @Transactional(readOnly = true)
    public List<AuditEvent> latest(int limit) {
        return events.findAllByOrderByIdDesc(PageRequest.of(0, Math.max(1, Math.min(limit, 1000)))).stream()
                .map(AuditEventEntity::toRecord)
                .toList();
    }
}
