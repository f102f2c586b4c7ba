package dev.paddock.devsuite;

/** The catalog scenarios on the shared suite, whose catalog keeps images in a local folder. */
class LocalStorageCatalogIntegrationTests extends CatalogScenarios {

    @Override
    LocalSuite suite() {
        return SharedSuite.get();
    }
}
