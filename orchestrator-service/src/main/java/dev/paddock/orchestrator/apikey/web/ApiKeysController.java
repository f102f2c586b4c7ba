package dev.paddock.orchestrator.apikey.web;

import dev.paddock.common.security.Claims;
import dev.paddock.common.security.RequiresClaims;
import dev.paddock.common.security.RequiresClaims.Match;
import dev.paddock.orchestrator.apikey.ApiKeyViews.ApiKey;
import dev.paddock.orchestrator.apikey.ApiKeyViews.CreateApiKey;
import dev.paddock.orchestrator.apikey.ApiKeys;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The reference required both the "all" and the "own" claim on these routes; either suffices here (own = your keys). */
@RestController
@RequestMapping("/api/v1/auth/api_keys")
@Tag(name = "API keys")
class ApiKeysController {

    private final ApiKeys keys;

    ApiKeysController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @RequiresClaims(
            value = {Claims.LIST_API_KEY, Claims.LIST_OWN_API_KEY},
            match = Match.ANY)
    List<ApiKey> list() {
        return keys.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.OK)
    @RequiresClaims(
            value = {Claims.CREATE_API_KEY, Claims.CREATE_OWN_API_KEY},
            match = Match.ANY)
    @Operation(summary = "Create an API key; the answer's 'encoded' is the X-Api-Key value, shown only this once")
    ApiKey create(@Valid @RequestBody CreateApiKey request) {
        return keys.create(request);
    }

    @GetMapping("/{id}")
    @RequiresClaims(
            value = {Claims.LIST_API_KEY, Claims.LIST_OWN_API_KEY},
            match = Match.ANY)
    ApiKey get(@PathVariable String id) {
        return keys.get(id);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(
            value = {Claims.DELETE_API_KEY, Claims.DELETE_OWN_API_KEY},
            match = Match.ANY)
    void delete(@PathVariable String id) {
        keys.delete(id);
    }

    @PutMapping("/{id}/revoke")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequiresClaims(
            value = {Claims.UPDATE_API_KEY, Claims.UPDATE_OWN_API_KEY},
            match = Match.ANY)
    ApiKey revoke(@PathVariable String id) {
        return keys.revoke(id);
    }
}
