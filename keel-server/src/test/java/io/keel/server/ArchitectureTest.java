package io.keel.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server's package rules: HTTP is the outer layer; nothing reaches into the governor's internals. */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() throws Exception {
        // Only the server's own compiled classes: scanning the whole class path is slow and adds nothing.
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPath(Path.of(KeelServer.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
    }

    @Test
    void onlyTheHttpLayerAndTheCompositionRootKnowHelidon() {
        noClasses().that().resideInAnyPackage("io.keel.server.operations..", "io.keel.server.agents..",
                        "io.keel.server.records..", "io.keel.server.config..", "io.keel.server.performance..",
                        "io.keel.server.json..")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "io.keel.server.http..")
                .check(classes);
    }

    @Test
    void agentsKnowNothingOfOperationsOrRecords() {
        noClasses().that().resideInAPackage("io.keel.server.agents..")
                .should().dependOnClassesThat().resideInAnyPackage("io.keel.server.operations..",
                        "io.keel.server.records..")
                .check(classes);
    }

    @Test
    void nothingUsesTheGovernorsInternals() {
        noClasses().that().resideInAPackage("io.keel.server..")
                .should().dependOnClassesThat().resideInAPackage("io.keel.governor.internal..")
                .check(classes);
    }
}
