package io.keel.monitor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module's boundaries as tests: a leaf library, HTTP only as a client, internals kept internal. */
class ArchitectureTest {

    // Only this module's classes: scanning the whole classpath for the package costs ~20 s of CPU.
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPath(java.nio.file.Path.of("target/classes"));

    @Test
    void dependsOnNoOtherKeelModule() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.keel.governor..", "io.keel.cache..", "io.keel.storage..", "io.keel.scale..",
                        "io.keel.server..")
                .check(CLASSES);
    }

    @Test
    void knowsNoHttpServer() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.helidon..", "com.sun.net.httpserver..")
                .check(CLASSES);
    }
}
