package dev.paddock.devsuite;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.paddock.testsupport.ArchitectureRules;

/** The launcher starts services as processes; it must not link their code. */
@AnalyzeClasses(packages = "dev.paddock.devsuite", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

    @ArchTest
    static final ArchRule dependsOnNoOtherModule = ArchitectureRules.dependsOnNoOtherModule("dev.paddock.devsuite");
}
