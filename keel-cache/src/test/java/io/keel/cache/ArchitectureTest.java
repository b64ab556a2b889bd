package io.keel.cache;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The module's package rules, stated as tests so they cannot drift. */
class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.keel.cache");

    @Test
    void theLibraryKnowsNoOtherKeelModuleAndNoRedisDriver() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.keel.governor..", "io.keel.server..", "io.keel.monitor..", "io.lettuce..",
                        "io.keel.cache.redis..")
                .check(classes);
    }

    @Test
    void internalsUseTheApiNotTheOtherWayRoundExceptForTheFactory() {
        noClasses().that().resideInAPackage("io.keel.cache")
                .and().doNotHaveSimpleName("TieredCache").and().doNotHaveSimpleName("InMemorySecondLevel")
                .should().dependOnClassesThat().resideInAPackage("io.keel.cache.internal..")
                .check(classes);
    }
}
