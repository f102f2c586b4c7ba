package dev.paddock.testsupport;

import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Points every Spring test context of a module that depends on test-support at the JVM's {@link TestDatabase}. The
 * database starts only when a context actually reads {@code spring.datasource.*}, so web-slice tests start none. The
 * customizer is the same for every test class, which keeps Spring's context cache intact.
 */
public final class TestDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(
            Class<?> testClass, List<ContextConfigurationAttributes> configAttributes) {
        return new Customizer();
    }

    private static final class Customizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
            // Last, so a test that names its own datasource wins.
            context.getEnvironment().getPropertySources().addLast(new LazyDatabaseProperties());
        }

        @Override
        public boolean equals(@Nullable Object other) {
            return other instanceof Customizer;
        }

        @Override
        public int hashCode() {
            return Customizer.class.hashCode();
        }
    }

    /** Not enumerable on purpose: nothing iterates it, so only a real read of a datasource property starts the database. */
    private static final class LazyDatabaseProperties extends PropertySource<Object> {

        private static final Set<String> NAMES = Set.of(
                "spring.datasource.url",
                "spring.datasource.username",
                "spring.datasource.password",
                "spring.datasource.hikari.maximum-pool-size");

        LazyDatabaseProperties() {
            super("paddockTestDatabase", new Object());
        }

        @Override
        public @Nullable Object getProperty(String name) {
            if (!NAMES.contains(name)) {
                return null;
            }
            return switch (name) {
                case "spring.datasource.url" -> TestDatabase.get().jdbcUrl();
                case "spring.datasource.username" -> TestDatabase.get().username();
                case "spring.datasource.password" -> TestDatabase.get().password();
                default -> "5";
            };
        }
    }
}
