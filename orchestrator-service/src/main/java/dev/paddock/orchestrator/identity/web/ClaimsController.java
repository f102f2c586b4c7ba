package dev.paddock.orchestrator.identity.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.orchestrator.identity.ClaimManagement;
import dev.paddock.orchestrator.identity.IdentityRequests.CreateClaim;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimGroup;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimView;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth/claims")
@Tag(name = "Claims")
class ClaimsController {

    private final ClaimManagement claims;

    ClaimsController(ClaimManagement claims) {
        this.claims = claims;
    }

    @GetMapping
    @RequiresClaims(Claims.LIST_CLAIM)
    List<ClaimView> list() {
        return claims.list();
    }

    @GetMapping("/grouped")
    @RequiresClaims(Claims.LIST_CLAIM)
    List<ClaimGroup> grouped() {
        return claims.grouped();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.OK)
    @RequiresClaims(Claims.CREATE_CLAIM)
    ClaimView create(@Valid @RequestBody CreateClaim request) {
        return claims.create(request);
    }

    @GetMapping("/{id}")
    @RequiresClaims(Claims.LIST_CLAIM)
    ClaimView get(@PathVariable String id) {
        return claims.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_CLAIM)
    void delete(@PathVariable String id) {
        claims.delete(id);
    }
}
