package io.keel.scale;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** keel-scale is a leaf (DESIGN.md): it knows no other Keel module; pools meet the governor in the server. */
@AnalyzeClasses(packages = "io.keel.scale", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule dependsOnNoOtherKeelModule = noClasses().that().resideInAPackage("io.keel.scale..")
            .should().dependOnClassesThat().resideInAnyPackage("io.keel.governor..", "io.keel.cache..",
                    "io.keel.monitor..", "io.keel.storage..", "io.keel.server..", "io.keel.testkit..");
}
