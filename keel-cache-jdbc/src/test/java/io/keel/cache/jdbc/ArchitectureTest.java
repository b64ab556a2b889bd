package io.keel.cache.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The module's package rules, stated as tests so they cannot drift. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keel.cache.jdbc");

    @Test
    void theLevelUsesOnlyKeelCachesPublicApi() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.keel.cache.internal..").check(classes);
    }

    /** The PostgreSQL driver is optional: an H2-only deployment must never load a class that needs it. */
    @Test
    void onlyTheListenerTouchesThePostgresDriverAndNothingTouchesH2s() {
        noClasses().that().doNotHaveSimpleName("PgListener")
                .should().dependOnClassesThat().resideInAPackage("org.postgresql..").check(classes);
        noClasses().should().dependOnClassesThat().resideInAPackage("org.h2..").check(classes);
    }
}
