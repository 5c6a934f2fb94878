package dev.tether.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The boundaries of STYLE.md that the build enforces. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("dev.tether");

  @Test
  void theHttpLayerSeesOnlyTheBackendRoleNeverAnImplementation() {
    noClasses().that().resideInAnyPackage("dev.tether.gateway.http..", "dev.tether.gateway.service..",
            "dev.tether.gateway.routing..", "dev.tether.gateway.normalize..", "dev.tether.gateway.chat..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tether.gateway.backend.*..")
        .check(CLASSES);
  }

  @Test
  void backendsKnowNothingOfHttpServing() {
    noClasses().that().resideInAnyPackage("dev.tether.gateway.backend..", "dev.tether.gateway.service..",
            "dev.tether.gateway.normalize..", "dev.tether.gateway.routing..")
        .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "jakarta.servlet..", "org.eclipse.jetty..")
        .check(CLASSES);
  }

  @Test
  void backendsDoNotReachIntoEachOther() {
    noClasses().that().resideInAPackage("dev.tether.gateway.backend.openai..")
        .should().dependOnClassesThat().resideInAPackage("dev.tether.gateway.backend.anthropic..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.tether.gateway.backend.anthropic..")
        .should().dependOnClassesThat().resideInAPackage("dev.tether.gateway.backend.openai..")
        .check(CLASSES);
    noClasses().that().resideInAPackage("dev.tether.gateway.backend.local..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.tether.gateway.backend.openai..",
            "dev.tether.gateway.backend.anthropic..")
        .check(CLASSES);
    noClasses().that().resideInAnyPackage("dev.tether.gateway.backend.openai..", "dev.tether.gateway.backend.anthropic..")
        .should().dependOnClassesThat().resideInAPackage("dev.tether.gateway.backend.local..")
        .check(CLASSES);
  }

  @Test
  void theEngineDependsOnTheJdkOnly() {
    noClasses().that().resideInAPackage("dev.tether.engine..")
        .should().dependOnClassesThat().resideInAnyPackage("com.fasterxml..", "io.javalin..", "org.slf4j..", "dev.tether.api..", "dev.tether.gateway..")
        .check(CLASSES);
  }
}
