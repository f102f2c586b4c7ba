package dev.paddock.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.paddock.testsupport.ArchitectureRules;

@AnalyzeClasses(packages = "dev.paddock.cli", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnNoOtherModule =
            ArchitectureRules.dependsOnNoOtherModule("dev.paddock.cli", "dev.paddock.pack");

    /** The CLI talks HTTP; it has no Spring application context to carry around. */
    @ArchTest
    static final ArchRule needsNoSpring = noClasses()
            .that()
            .resideInAPackage("dev.paddock.cli..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = ArchitectureRules.featuresAreFreeOfCycles("dev.paddock.cli");
}
