package dev.forma.cli.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of DESIGN decision 17 and of each package's {@code package-info.java},
 * checked on the compiled classes of every module (the CLI's test class path holds them all; test
 * classes are left out). A rule that fails names the class, the member and the dependency that
 * breaks it.
 *
 * <p>What a package-info states that is not a dependency (say, "must not decide plan actions") is
 * not checked here; what is a dependency is: on another package, on the file system, on the
 * standard streams, on the environment.
 */
class ArchitectureTest {
  private static JavaClasses forma;

  @BeforeAll
  static void importClasses() {
    Pattern testJar = Pattern.compile(".*-tests?\\.jar.*");
    forma =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.matches(testJar))
            .importPackages("dev.forma");
  }

  private static void check(ArchRule rule) {
    rule.check(forma);
  }

  /** The provider SPI package itself (not its sub-packages): Provider, Requests, capabilities. */
  private static final String SPI = "dev.forma.provider.api";

  private static final String[] FILES = {"java.nio.file..", "java.io.File"};

  // ---- modules (DESIGN 17)

  @Test
  void providerApiDependsOnNothingOfFormaAndOnJacksonOnly() {
    check(
        classes()
            .that()
            .resideInAPackage("dev.forma.provider.api..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "dev.forma.provider.api..", "java..", "javax..", "com.fasterxml.jackson..")
            .because("a provider compiles against forma-provider-api alone"));
  }

  @Test
  void theProviderSdkDependsOnTheProviderApiOnly() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.provider.sdk..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.forma..")
                    .and(
                        not(
                            resideInAnyPackage(
                                "dev.forma.provider.api..", "dev.forma.provider.sdk.."))))
            .because("the SDK is what a provider author adds to the provider API, nothing more"));
  }

  @Test
  void theAlicloudProviderUsesOnlyTheProviderApiAndSdkOfForma() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.provider.alicloud..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.forma..")
                    .and(
                        not(
                            resideInAnyPackage(
                                "dev.forma.provider.api..",
                                "dev.forma.provider.sdk..",
                                "dev.forma.provider.alicloud.."))))
            .because("a provider is a plugin: it sees the provider API and SDK, nothing else"));
  }

  @Test
  void noClassOutsideAProviderNamesAProvidersClasses() {
    check(
        noClasses()
            .that()
            .resideOutsideOfPackage("dev.forma.provider..")
            .should()
            .dependOnClassesThat(
                resideInAPackage("dev.forma.provider..").and(not(resideInAPackage(SPI + ".."))))
            .because(
                "the CLI and the engine reach providers through the provider API and its"
                    + " capabilities only (ConnectivityChecks, LocalEndpoint)"));
  }

  @Test
  void theStateModuleDoesNotDependOnTheEngineNorOnAProvider() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.state..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.engine..", "dev.forma.cli..", "dev.forma.provider..")
            .because(
                "state/*/package-info.java: must not depend on the engine (nor, oss, on the"
                    + " alicloud provider)"));
  }

  @Test
  void theEngineDoesNotDependOnTheCli() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.cli..", "dev.forma.emulator.."));
  }

  // ---- provider-api packages

  @Test
  void diagnosticsDependOnNoOtherPackage() {
    check(
        classes()
            .that()
            .resideInAPackage("dev.forma.provider.api.diag..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage(
                "dev.forma.provider.api.diag..", "java..", "com.fasterxml.jackson..")
            .because("diag/package-info.java: every stage reports through it"));
  }

  @Test
  void schemasDoNotTalkToProviders() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.provider.api.schema..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(SPI)
            .because("schema/package-info.java: must not talk to providers"));
  }

  @Test
  void valuesKnowNoFilesNoSchemasAndNoProviders() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.provider.api.value..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPI, "dev.forma.provider.api.schema..", FILES[0])
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(FILES[1])
            .because("value/package-info.java: must not know about files, syntax or providers"));
  }

  // ---- engine packages

  @Test
  void addressesDoNotDependOnConfigurationOrEvaluation() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.addrs..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.engine.config..", "dev.forma.engine.eval..")
            .because("addrs/package-info.java"));
  }

  @Test
  void theBuiltinProviderReachesNothingButTheProviderApi() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.builtin..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.forma.state..",
                "dev.forma.engine.config..",
                "dev.forma.engine.plan..",
                "dev.forma.engine.apply..",
                "dev.forma.engine.providers..")
            .orShould(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("builtin/package-info.java: no state, no terminal, no configuration loading"));
  }

  @Test
  void configurationKnowsNoProviderButValidationAsksThemThroughTheEngine() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.config..")
            .and()
            .haveNameNotMatching("dev\\.forma\\.engine\\.config\\.ModuleEvaluator(\\$.*)?")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPI, "dev.forma.engine.providers..", "dev.forma.engine.builtin..")
            .because("config/package-info.java: must not know any provider's schema"));
    check(
        noClasses()
            .that()
            .haveFullyQualifiedName("dev.forma.engine.config.ModuleEvaluator")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.engine.builtin..", "dev.forma.provider.alicloud..")
            .because("config/package-info.java: validation asks the providers through the engine"));
  }

  @Test
  void theEvaluatorDoesNotKnowTheConfigurationLayer() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.eval..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.engine.config..", "dev.forma.engine.plan..")
            .because("eval/package-info.java: must not know what var or resource mean"));
  }

  @Test
  void theFormatterKnowsNoFilesOnDisk() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.fmt..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FILES[0], "dev.forma.engine.eval..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(FILES[1])
            .because("fmt/package-info.java: must not change what a file means; no files"));
  }

  @Test
  void functionsDoNotEvaluateConfiguration() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.functions..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.engine.config..", "dev.forma.engine.plan..")
            .because("functions/package-info.java: it asks the context"));
  }

  @Test
  void configGenerationOnlyWritesText() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.genconfig..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPI, FILES[0], "dev.forma.engine.providers..")
            .because(
                "genconfig/package-info.java: never reads or writes files nor calls providers"));
  }

  @Test
  void theGraphDoesNotEvaluateTalkToProvidersOrChangeState() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.graph..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPI, "dev.forma.engine.eval..", "dev.forma.engine.providers..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("dev.forma.state.SyncState")
            .because("graph/package-info.java"));
  }

  @Test
  void theSyntaxPackagesEvaluateNothing() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.hcl..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                "dev.forma.engine.eval..",
                "dev.forma.engine.config..",
                "dev.forma.engine.functions..")
            .because("hcl and hcl.json: must not evaluate anything nor know Terraform's blocks"));
  }

  @Test
  void moduleInstallationNeitherLoadsConfigurationsNorPrints() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.modules..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.engine.eval..", "dev.forma.engine.plan..")
            .orShould(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("modules/package-info.java"));
  }

  @Test
  void planFilesNeitherApplyNorPrint() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.planfile..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("dev.forma.engine.apply..")
            .orShould(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("planfile/package-info.java"));
  }

  @Test
  void renderersArePureFunctionsThatTalkToNoProvider() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.render..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPI, "dev.forma.engine.providers..", FILES[0])
            .orShould()
            .callMethod(System.class, "getenv")
            .orShould()
            .callMethod(System.class, "getenv", String.class)
            .orShould(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because(
                "render/package-info.java: never read files, the terminal or the environment"));
  }

  @Test
  void scopesDoNotTalkToProvidersOrWriteState() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.scope..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPI, "dev.forma.engine.providers..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("dev.forma.state.SyncState")
            .because("scope/package-info.java"));
  }

  @Test
  void theStateBridgeDoesNotEvaluateTalkToProvidersOrWriteState() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.statebridge..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SPI, "dev.forma.engine.eval..", "dev.forma.engine.providers..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName("dev.forma.state.SyncState")
            .because("statebridge/package-info.java"));
  }

  @Test
  void theApplierTalksToTheTerminalOnlyThroughItsHooks() {
    check(
        noClasses()
            .that()
            .resideInAPackage("dev.forma.engine.apply..")
            .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
            .because("apply/package-info.java"));
  }
}
