package dev.paddock.devsuite;

import org.junit.jupiter.api.parallel.ResourceLock;

/** The catalog scenarios on the shared suite, whose catalog keeps images in a local folder. */
@ResourceLock(SharedSuite.LOCK)
class LocalStorageCatalogIntegrationTests extends CatalogScenarios {

    @Override
    LocalSuite suite() {
        return SharedSuite.get();
    }
}
