package dev.paddock.orchestrator.identity.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.orchestrator.identity.IdentityRequests.CreateUser;
import dev.paddock.orchestrator.identity.IdentityRequests.NameRef;
import dev.paddock.orchestrator.identity.IdentityRequests.UpdateUser;
import dev.paddock.orchestrator.identity.IdentityViews.ApiUser;
import dev.paddock.orchestrator.identity.IdentityViews.ClaimView;
import dev.paddock.orchestrator.identity.IdentityViews.RoleView;
import dev.paddock.orchestrator.identity.UserManagement;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Users")
class UsersController {

    private final UserManagement users;

    UsersController(UserManagement users) {
        this.users = users;
    }

    @GetMapping("/me")
    @Operation(summary = "The calling user (Paddock extension)")
    ApiUser me() {
        return users.get(CurrentCaller.require().userId());
    }

    @GetMapping("/users")
    @RequiresClaims(Claims.LIST_USER)
    @Operation(summary = "List users")
    List<ApiUser> list() {
        return users.list();
    }

    @PostMapping("/users")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresClaims(Claims.CREATE_USER)
    @Operation(summary = "Create a user (USER role unless roles are given)")
    ApiUser create(@Valid @RequestBody CreateUser request) {
        return users.create(request);
    }

    @GetMapping("/users/{id}")
    @RequiresClaims(Claims.LIST_USER)
    @Operation(summary = "Get a user by id or username")
    ApiUser get(@PathVariable String id) {
        return users.get(id);
    }

    @PutMapping("/users/{id}")
    @RequiresClaims(Claims.UPDATE_USER)
    @Operation(summary = "Update name, email or password; a new password also ends a lockout")
    ResponseEntity<ApiUser> update(@PathVariable String id, @Valid @RequestBody UpdateUser request) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(users.update(id, request));
    }

    @DeleteMapping("/users/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.DELETE_USER)
    @Operation(summary = "Delete a user and their API keys")
    void delete(@PathVariable String id) {
        users.delete(id);
    }

    @GetMapping("/users/{id}/roles")
    @RequiresClaims(Claims.LIST_USER)
    List<RoleView> roles(@PathVariable String id) {
        return users.rolesOf(id);
    }

    @PostMapping("/users/{id}/roles")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresClaims(Claims.UPDATE_USER)
    RoleView addRole(@PathVariable String id, @Valid @RequestBody NameRef role) {
        return users.addRole(id, role.name());
    }

    @DeleteMapping("/users/{id}/roles/{roleId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.UPDATE_USER)
    void removeRole(@PathVariable String id, @PathVariable String roleId) {
        users.removeRole(id, roleId);
    }

    @GetMapping("/users/{id}/claims")
    @RequiresClaims(Claims.LIST_USER)
    List<ClaimView> claims(@PathVariable String id) {
        return users.claimsOf(id);
    }

    @PostMapping("/users/{id}/claims")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresClaims(Claims.UPDATE_USER)
    ClaimView addClaim(@PathVariable String id, @Valid @RequestBody NameRef claim) {
        return users.addClaim(id, claim.name());
    }

    @DeleteMapping("/users/{id}/claims/{claimId}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(Claims.UPDATE_USER)
    void removeClaim(@PathVariable String id, @PathVariable String claimId) {
        users.removeClaim(id, claimId);
    }
}
