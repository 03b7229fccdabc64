package io.personenricher.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layering rules of STYLE.md, checked on the compiled main classes. */
class DependencyRulesTest {

  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.personenricher");

  @Test
  void topologyAndBatchingNeverTouchVertx() {
    noClasses()
        .that()
        .resideInAnyPackage("..topology..", "..batching..", "..routing..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..", "io.netty..")
        .check(MAIN);
  }

  @Test
  void onlyTheClientSimulatorAndAppUseVertx() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..client..", "..simulator..", "..app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.vertx..")
        .check(MAIN);
  }

  @Test
  void nothingButTheCompositionRootImportsTheSimulator() {
    noClasses()
        .that()
        .resideOutsideOfPackages("..simulator..", "..app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..simulator..")
        .check(MAIN);
  }

  @Test
  void productionCodeNeverImportsTestCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..testutil..", "org.junit..", "org.assertj..")
        .check(MAIN);
  }

  @Test
  void theTopologyDoesNotDependOnTheCompositionRoot() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "..topology..", "..batching..", "..routing..", "..client..", "..serde..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("..app..")
        .check(MAIN);
  }
}
