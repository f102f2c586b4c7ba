package dev.paddock.orchestrator.audit.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.orchestrator.audit.AuditEvent;
import dev.paddock.orchestrator.audit.AuditLog;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Audit")
class AuditController {

    private final AuditLog audit;

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @GetMapping("/api/v1/audit")
    @RequiresClaims(Claims.SUPER_USER)
    @Operation(summary = "Latest audited mutations (Paddock extension; super users only)")
    List<AuditEvent> latest(@RequestParam(defaultValue = "100") int limit) {
        return audit.latest(limit);
    }
}
