package io.keel.governor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The implementation stays private: only GovernorBuilder.build() reaches into internal. */
class ArchitectureTest {

    /** Only this module's main classes: scanning the whole class path for the package is needlessly slow. */
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(mainClasses());

    private static java.nio.file.Path mainClasses() {
        try {
            return java.nio.file.Path.of(GovernorBuilder.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void onlyTheBuilderDependsOnInternal() {
        noClasses().that().resideOutsideOfPackage("io.keel.governor.internal..")
                .and().doNotHaveFullyQualifiedName(GovernorBuilder.class.getName())
                .should().dependOnClassesThat().resideInAPackage("io.keel.governor.internal..")
                .check(classes);
    }

    @Test
    void theBuilderReachesInternalOnlyToBuild() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noCodeUnits()
                .that().areDeclaredIn(GovernorBuilder.class)
                .and().doNotHaveName("build")
                .should(new com.tngtech.archunit.lang.ArchCondition<>("access io.keel.governor.internal") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaCodeUnit unit,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        unit.getAccessesFromSelf().stream()
                                .filter(a -> a.getTargetOwner().getPackageName().startsWith("io.keel.governor.internal"))
                                .forEach(a -> events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(a, a.getDescription())));
                    }
                })
                .check(classes);
    }

    @Test
    void governorDependsOnNoOtherKeelModule() {
        noClasses().that().resideInAPackage("io.keel.governor..")
                .should().dependOnClassesThat().resideInAnyPackage("io.keel.server..", "io.keel.cache..",
                        "io.keel.monitor..", "io.keel.storage..", "io.keel.scale..", "io.keel.testkit..")
                .check(classes);
    }
}
