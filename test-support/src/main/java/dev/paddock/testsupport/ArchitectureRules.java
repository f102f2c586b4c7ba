package dev.paddock.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The architecture rules every Paddock module checks in its {@code ArchitectureTests}, named as sentences. They keep the
 * package-by-feature design visible: features do not reach into each other's internals or web layers, persistence
 * types stay inside their feature, and no service depends on another service's code.
 */
public final class ArchitectureRules {

    private static final List<String> MODULE_ROOTS = List.of(
            "dev.paddock.orchestrator",
            "dev.paddock.catalog",
            "dev.paddock.edge",
            "dev.paddock.agent",
            "dev.paddock.simulator",
            "dev.paddock.cli",
            "dev.paddock.devsuite");

    private ArchitectureRules() {}

    /**
     * A module depends on common-lib, image-pack ({@code dev.paddock.pack}) and third-party libraries, never on the code
     * of another service or tool.
     */
    public static ArchRule dependsOnNoOtherModule(String ownRoot, String... allowedRoots) {
        String[] others = MODULE_ROOTS.stream()
                .filter(root -> !root.equals(ownRoot))
                .filter(root -> !List.of(allowedRoots).contains(root))
                .map(root -> root + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(ownRoot + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services talk to each other over HTTP, never through each other's classes");
    }

    /** JPA entities and repositories are package-private: they never leave their feature. */
    public static ArchRule persistenceTypesArePackagePrivate(String ownRoot) {
        return classes()
                .that()
                .resideInAPackage(ownRoot + "..")
                .and()
                .haveSimpleNameEndingWith("Entity")
                .or()
                .haveSimpleNameEndingWith("Repository")
                .and()
                .resideInAPackage(ownRoot + "..")
                .should()
                .notBePublic()
                .allowEmptyShould(true)
                .because("entities and repositories are a feature's internals; records cross boundaries");
    }

    /** Domain code never imports a feature's web layer; only web code does. */
    public static ArchRule domainDoesNotDependOnWeb(String ownRoot) {
        return noClasses()
                .that()
                .resideInAPackage(ownRoot + "..")
                .and()
                .resideOutsideOfPackage("..web..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ownRoot + ".*.web..")
                .allowEmptyShould(true)
                .because("controllers depend on the domain, not the other way round");
    }

    /** Controllers live in a feature's web package and are package-private. */
    public static ArchRule controllersAreFeatureWebInternals(String ownRoot) {
        return classes()
                .that()
                .resideInAPackage(ownRoot + "..")
                .and()
                .areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
                .should()
                .resideInAPackage("..web..")
                .andShould()
                .notBePublic()
                .allowEmptyShould(true);
    }

    /** Features may use each other's public facades but never in a cycle. */
    public static ArchRule featuresAreFreeOfCycles(String ownRoot) {
        return slices().matching(ownRoot + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }
}
