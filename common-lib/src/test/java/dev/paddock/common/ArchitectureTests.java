package dev.paddock.common;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.paddock.testsupport.ArchitectureRules;

@AnalyzeClasses(packages = "dev.paddock.common", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    /** common-lib is below every service: it may know none of them. */
    @ArchTest
    static final ArchRule dependsOnNoService = noClasses()
            .that()
            .resideInAPackage("dev.paddock.common..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.paddock.orchestrator..",
                    "dev.paddock.catalog..",
                    "dev.paddock.edge..",
                    "dev.paddock.agent..",
                    "dev.paddock.cli..",
                    "dev.paddock.simulator..");

    /** The plain parts (crypto, JSON naming) stay usable without Spring, e.g. by the CLI. */
    @ArchTest
    static final ArchRule plainPartsNeedNoSpring = noClasses()
            .that()
            .resideInAnyPackage("dev.paddock.common.crypto..", "dev.paddock.common.units..")
            .or()
            .haveSimpleName("JsonNames")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresAreFreeOfCycles("dev.paddock.common");
}
