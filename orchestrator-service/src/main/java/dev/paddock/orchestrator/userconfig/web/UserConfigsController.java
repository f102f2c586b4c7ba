package dev.paddock.orchestrator.userconfig.web;

import dev.paddock.common.security.CurrentCaller;
import dev.paddock.orchestrator.userconfig.UserConfigs;
import dev.paddock.orchestrator.userconfig.UserConfigs.CreateUserConfig;
import dev.paddock.orchestrator.userconfig.UserConfigs.UpdateUserConfig;
import dev.paddock.orchestrator.userconfig.UserConfigs.UserConfig;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import java.util.UUID;
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

/** The caller's own settings; any authenticated user, as in the reference. */
@RestController
@RequestMapping("/api/v1/user/configs")
@Tag(name = "User settings")
class UserConfigsController {

    private final UserConfigs configs;

    UserConfigsController(UserConfigs configs) {
        this.configs = configs;
    }

    @GetMapping
    @Operation(summary = "Your settings, by slug")
    List<UserConfig> list() {
        return configs.list(caller());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Add a setting: slug, name, type (string, bool, int, json) and value as text")
    UserConfig create(@Valid @RequestBody CreateUserConfig request) {
        return configs.create(caller(), request);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One of your settings, by id or slug")
    UserConfig get(@PathVariable String id) {
        return configs.get(caller(), id);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Change a setting's name, type or value (404 if you have none by that id or slug)")
    UserConfig update(@PathVariable String id, @Valid @RequestBody UpdateUserConfig request) {
        return configs.update(caller(), id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.ACCEPTED)
    void delete(@PathVariable String id) {
        configs.delete(caller(), id);
    }

    private static UUID caller() {
        return UUID.fromString(CurrentCaller.require().userId());
    }
}
