package dev.paddock.orchestrator.identity.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.orchestrator.identity.IdentityRequests.CreateRole;
import dev.paddock.orchestrator.identity.IdentityRequests.NameRef;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimView;
import dev.paddock.orchestrator.identity.IdentityViews.RoleView;
import dev.paddock.orchestrator.identity.RoleManagement;
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
@RequestMapping("/api/v1/auth/roles")
@Tag(name = "Roles")
class RolesController {

    private final RoleManagement roles;

    RolesController(RoleManagement roles) {
        this.roles = roles;
    }

    @GetMapping
    @RequiresClaims(Claims.LIST_ROLE)
    List<RoleView> list() {
        return roles.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresClaims(Claims.CREATE_ROLE)
    RoleView create(@Valid @RequestBody CreateRole request) {
        return roles.create(request);
    }

    @GetMapping("/{id}")
    @RequiresClaims(Claims.LIST_ROLE)
    RoleView get(@PathVariable String id) {
        return roles.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_ROLE)
    void delete(@PathVariable String id) {
        roles.delete(id);
    }

    @GetMapping("/{id}/claims")
    @RequiresClaims(Claims.LIST_ROLE)
    List<ClaimView> claims(@PathVariable String id) {
        return roles.claimsOf(id);
    }

    @PostMapping("/{id}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresClaims(Claims.UPDATE_ROLE)
    ClaimView addClaim(@PathVariable String id, @Valid @RequestBody NameRef claim) {
        return roles.addClaim(id, claim.name());
    }

    @DeleteMapping("/{id}/claims/{claimId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.UPDATE_ROLE)
    void removeClaim(@PathVariable String id, @PathVariable String claimId) {
        roles.removeClaim(id, claimId);
    }
}
