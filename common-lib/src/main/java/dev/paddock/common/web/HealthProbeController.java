package dev.paddock.common.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The reference's public liveness probe, served by every Paddock service. */
@RestController
@Tag(name = "Health")
class HealthProbeController {

    @GetMapping({"/api/health/probe", "/api/v1/health/probe"})
    @Operation(
            summary = "Liveness probe",
            description = "Public; answers {\"status\":\"OK\"} while the process serves HTTP.")
    Map<String, String> probe() {
        return Map.of("status", "OK");
    }
}
