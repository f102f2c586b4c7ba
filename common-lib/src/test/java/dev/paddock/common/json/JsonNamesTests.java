package dev.paddock.common.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonNamesTests {

    @Test
    void convertsNestedCamelCasePathsToSnakeCase() {
        assertThat(JsonNames.snakeCase("catalogManifest.minimumRequirements"))
                .isEqualTo("catalog_manifest.minimum_requirements");
        assertThat(JsonNames.snakeCase("specs[0].cpuCount")).isEqualTo("specs[0].cpu_count");
        assertThat(JsonNames.snakeCase("name")).isEqualTo("name");
    }
}
