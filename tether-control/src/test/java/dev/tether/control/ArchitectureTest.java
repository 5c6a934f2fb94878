package dev.tether.control;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package boundaries the package-info files promise. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.tether.control");

  @Test
  void theControlPlaneKnowsNeitherTheGatewayNorTheEngine() {
    noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.tether.gateway..", "dev.tether.engine..")
        .check(CLASSES);
  }

  @Test
  void theValueTypesDoNoIoAndKnowNoSurface() {
    noClasses().that().resideInAnyPackage("..control.session..", "..control.approval..", "..control.event..")
        .should().dependOnClassesThat().resideInAnyPackage("..control.store..", "..control.web..", "..control.mcp..",
            "io.javalin..", "java.sql..")
        .check(CLASSES);
  }

  @Test
  void theWebAndMcpViewsGoThroughTheServiceNotTheStore() {
    noClasses().that().resideInAnyPackage("..control.web..", "..control.mcp..")
        .should().dependOnClassesThat().resideInAPackage("..control.store..")
        .because("views read the log through ControlService")
        .check(CLASSES);
  }

  @Test
  void theStoreKnowsNoSurface() {
    noClasses().that().resideInAPackage("..control.store..")
        .should().dependOnClassesThat().resideInAnyPackage("..control.web..", "..control.mcp..", "io.javalin..")
        .check(CLASSES);
  }

  @Test
  void pushAndDiffKnowNoHttpSurface() {
    noClasses().that().resideInAnyPackage("..control.push..", "..control.diff..")
        .should().dependOnClassesThat().resideInAnyPackage("..control.web..", "..control.mcp..", "io.javalin..")
        .check(CLASSES);
  }

  @Test
  void theAgentsReportThroughTheServiceLikeAnyAgent() {
    noClasses().that().resideInAPackage("..control.agent..")
        .should().dependOnClassesThat().resideInAnyPackage("..control.store..", "..control.web..", "..control.mcp..",
            "..control.hook..", "io.javalin..")
        .check(CLASSES);
  }
}
