package dev.paddock.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    /** The listeners wire the gateway together; the HTTP path, policies, TCP routes and tunnels never reach back. */
    @ArchTest
    static final ArchRule nothingInTheGatewayDependsOnItsListeners = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.paddock.edge.gateway",
                    "dev.paddock.edge.gateway.http..",
                    "dev.paddock.edge.gateway.policy..",
                    "dev.paddock.edge.gateway.tcp..",
                    "dev.paddock.edge.gateway.tunnel..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.paddock.edge.gateway.listen..");

    /** Policies, TCP routes and tunnels know nothing of the HTTP relay that applies or uses them. */
    @ArchTest
    static final ArchRule policiesTcpAndTunnelsDoNotDependOnTheHttpPath = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.paddock.edge.gateway",
                    "dev.paddock.edge.gateway.policy..",
                    "dev.paddock.edge.gateway.tcp..",
                    "dev.paddock.edge.gateway.tunnel..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.paddock.edge.gateway.http..");

    @ArchTest
    static final ArchRule gatewayPartsAreFreeOfCycles =
            slices().matching("dev.paddock.edge.gateway.(*)..").should().beFreeOfCycles();
}
