package dev.paddock.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Fixtures serve every module's tests, so they may depend on none of them (common-lib included). */
@AnalyzeClasses(packages = "dev.paddock.testsupport", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnNoPaddockModule = noClasses()
            .that()
            .resideInAPackage("dev.paddock.testsupport..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.paddock.common..",
                    "dev.paddock.orchestrator..",
                    "dev.paddock.catalog..",
                    "dev.paddock.edge..",
                    "dev.paddock.agent..",
                    "dev.paddock.simulator..",
                    "dev.paddock.cli..");
}
