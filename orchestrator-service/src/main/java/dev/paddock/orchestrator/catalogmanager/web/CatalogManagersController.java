package dev.paddock.orchestrator.catalogmanager.web;

import dev.paddock.common.problem.ProblemException;
import dev.paddock.common.security.Claims;
import dev.paddock.common.security.CurrentCaller;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.common.security.RequiresClaims.Match;
import dev.paddock.orchestrator.catalogmanager.CatalogManagers;
import dev.paddock.orchestrator.catalogmanager.CatalogManagers.CatalogManager;
import dev.paddock.orchestrator.catalogmanager.CatalogManagers.CatalogManagerRequest;
import dev.paddock.orchestrator.catalogmanager.RemoteAnswer;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/** The reference's catalog managers: other catalogs, and catalog requests forwarded to them. */
@RestController
@RequestMapping("/api/v1/catalog-managers")
@Tag(name = "Catalog managers")
class CatalogManagersController {

    private static final String FORWARDED = "/{id}/catalog";

    private final CatalogManagers managers;

    CatalogManagersController(CatalogManagers managers) {
        this.managers = managers;
    }

    @GetMapping
    @RequiresClaims(
            value = {Claims.CATALOG_MANAGER_LIST, Claims.CATALOG_MANAGER_LIST_OWN},
            match = Match.ANY)
    @Operation(summary = "The catalog managers you can see (yours, and global ones whose claims you hold)")
    List<CatalogManager> list() {
        return managers.list(CurrentCaller.require());
    }

    @GetMapping("/{id}")
    @RequiresClaims(
            value = {Claims.CATALOG_MANAGER_LIST, Claims.CATALOG_MANAGER_LIST_OWN},
            match = Match.ANY)
    CatalogManager get(@PathVariable UUID id) {
        return managers.get(CurrentCaller.require(), id);
    }

    @PostMapping
    @RequiresClaims(
            value = {Claims.CATALOG_MANAGER_CREATE, Claims.CATALOG_MANAGER_CREATE_OWN},
            match = Match.ANY)
    @Operation(
            summary =
                    "Add a catalog: its url and an api_key or a username and password (checked by listing its catalog; sealed, never returned)")
    CatalogManager create(@Valid @RequestBody CatalogManagerRequest request) {
        return managers.create(CurrentCaller.require(), request);
    }

    @PutMapping("/{id}")
    @RequiresClaims(
            value = {Claims.CATALOG_MANAGER_UPDATE, Claims.CATALOG_MANAGER_UPDATE_OWN},
            match = Match.ANY)
    @Operation(summary = "Change a catalog manager; blank secrets keep the stored ones")
    CatalogManager update(@PathVariable UUID id, @Valid @RequestBody CatalogManagerRequest request) {
        return managers.update(CurrentCaller.require(), id, request);
    }

    @DeleteMapping("/{id}")
    @RequiresClaims(
            value = {Claims.CATALOG_MANAGER_DELETE, Claims.CATALOG_MANAGER_DELETE_OWN},
            match = Match.ANY)
    Map<String, Object> delete(@PathVariable UUID id) {
        managers.delete(CurrentCaller.require(), id);
        return Map.of("operation", "Catalog Manager deleted successfully", "success", true);
    }

    @RequestMapping(
            value = {FORWARDED, FORWARDED + "/**"},
            method = {
                RequestMethod.GET,
                RequestMethod.POST,
                RequestMethod.PUT,
                RequestMethod.PATCH,
                RequestMethod.DELETE
            })
    @Operation(summary = "A catalog request (list, get, delete, taint, tags, ...) sent to the manager's catalog")
    ResponseEntity<byte[]> forward(@PathVariable UUID id, HttpServletRequest request) throws IOException {
        String prefix = request.getContextPath() + "/api/v1/catalog-managers/" + id + "/catalog";
        String rest = request.getRequestURI()
                .substring(Math.min(prefix.length(), request.getRequestURI().length()));
        if (rest.startsWith("/push") || rest.startsWith("/pull") || rest.startsWith("/import-vm")) {
            throw new ProblemException(
                    HttpStatus.NOT_IMPLEMENTED,
                    "operation-not-supported",
                    "Operation not supported",
                    "Pushing to and pulling from another catalog through a catalog manager is not offered yet: push"
                            + " and pull on a host against this suite's catalog, or call the other catalog directly.");
        }
        String query = request.getQueryString() == null ? "" : "?" + request.getQueryString();
        byte[] body = request.getInputStream().readAllBytes();
        RemoteAnswer answer = managers.forward(
                CurrentCaller.require(),
                id,
                HttpMethod.valueOf(request.getMethod()),
                rest + query,
                body,
                request.getContentType() == null ? null : MediaType.parseMediaType(request.getContentType()));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.status());
        if (answer.contentType() != null) {
            response.contentType(answer.contentType());
        }
        return response.body(answer.body());
    }
}
