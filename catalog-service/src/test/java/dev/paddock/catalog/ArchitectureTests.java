package dev.paddock.catalog;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.paddock.testsupport.ArchitectureRules;

@AnalyzeClasses(packages = "dev.paddock.catalog", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnNoOtherModule = ArchitectureRules.dependsOnNoOtherModule("dev.paddock.catalog");

    @ArchTest
    static final ArchRule persistenceTypesArePackagePrivate =
            ArchitectureRules.persistenceTypesArePackagePrivate("dev.paddock.catalog");

    @ArchTest
    static final ArchRule domainDoesNotDependOnWeb = ArchitectureRules.domainDoesNotDependOnWeb("dev.paddock.catalog");

    @ArchTest
    static final ArchRule controllersAreFeatureWebInternals =
            ArchitectureRules.controllersAreFeatureWebInternals("dev.paddock.catalog");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresAreFreeOfCycles("dev.paddock.catalog");
}
