package dev.paddock.edge;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.paddock.testsupport.ArchitectureRules;

@AnalyzeClasses(packages = "dev.paddock.edge", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnNoOtherModule = ArchitectureRules.dependsOnNoOtherModule("dev.paddock.edge");

    @ArchTest
    static final ArchRule persistenceTypesArePackagePrivate =
            ArchitectureRules.persistenceTypesArePackagePrivate("dev.paddock.edge");

    @ArchTest
    static final ArchRule domainDoesNotDependOnWeb = ArchitectureRules.domainDoesNotDependOnWeb("dev.paddock.edge");

    @ArchTest
    static final ArchRule controllersAreFeatureWebInternals =
            ArchitectureRules.controllersAreFeatureWebInternals("dev.paddock.edge");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresAreFreeOfCycles("dev.paddock.edge");
}
