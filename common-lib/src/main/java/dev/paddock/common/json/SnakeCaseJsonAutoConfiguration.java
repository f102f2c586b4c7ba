package dev.paddock.common.json;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.module.SimpleModule;

/**
 * The reference API speaks snake_case JSON; every Paddock service does too, so existing clients keep working. Types
 * that mirror Parallels' own output (the VM object) name their fields explicitly.
 */
@AutoConfiguration(before = JacksonAutoConfiguration.class)
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public class SnakeCaseJsonAutoConfiguration {

    @Bean
    JsonMapperBuilderCustomizer paddockJsonConventions() {
        return builder -> builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                // Clients of the reference send fields we do not model; ignoring them keeps them working.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                // A JSON null for a primitive means "not given", not an error.
                .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .addModule(new SimpleModule("paddock-text")
                        .addDeserializer(String.class, new NulRefusingStringDeserializer()));
    }
}
