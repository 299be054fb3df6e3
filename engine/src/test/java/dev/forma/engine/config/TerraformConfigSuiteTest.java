package dev.forma.engine.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The cases of Terraform's own configuration test suite ({@code internal/configs/testdata}: valid
 * and invalid files and root modules), as our own configurations under {@code
 * src/test/resources/config-suite}: each is loaded and validated as {@code forma validate} does
 * (without provider schemas), and its errors and warnings must be those {@code terraform validate
 * -json} 1.11.4 reports for the same directory: summary, file, line and column. A valid case has
 * none.
 *
 * <p>The second column says whether Terraform could check the case offline: "no" where Terraform
 * needs a provider it cannot install here (the configuration itself is what the case is about).
 */
class TerraformConfigSuiteTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      textBlock =
          """
          invalid-condition-missing                   | yes | E Missing required argument @ main.tf:3,18; E Missing required argument @ main.tf:6,19
          invalid-condition-self-reference            | yes | E Invalid reference in precondition @ main.tf:6,23; E Invalid reference in postcondition @ main.tf:11,23
          invalid-count-and-for-each                  | yes | E Invalid combination of "count" and "for_each" @ main.tf:3,3
          invalid-data-lifecycle-arguments            | yes | E Invalid data resource lifecycle argument @ main.tf:4,5
          invalid-experiments-unknown                 | yes | E Module uses experimental features @ main.tf:2,3
          invalid-heredoc-unterminated                | yes | E Unterminated template string @ main.tf:6,1
          invalid-ignore-changes-wildcard-mix         | yes | E Invalid ignore_changes wildcard @ main.tf:3,22; E Invalid ignore_changes ruleset @ main.tf:3,23; W Quoted references are deprecated @ main.tf:3,28
          invalid-import-and-moved-empty              | yes | E Missing required argument @ main.tf:1,8; E Missing required argument @ main.tf:1,8; E Missing required argument @ main.tf:3,7; E Missing required argument @ main.tf:3,7
          invalid-import-for-each-json-string         | yes | E Invalid for_each argument @ main.tf.json:3,17
          invalid-import-for-each-target              | yes | E Invalid import address @ main.tf:3,3; E Invalid address @ main.tf:3,14
          invalid-json-in-native-file                 | yes | E Argument or block definition required @ main.tf:1,1
          invalid-moved-bare-names                    | yes | E Invalid address @ main.tf:2,10; E Invalid address @ main.tf:3,10
          invalid-moved-quoted-addresses              | yes | E Invalid expression @ main.tf:2,10; E Invalid expression @ main.tf:3,10
          invalid-multiple-backends                   | yes | E Duplicate backend configuration @ b.tf:2,3
          invalid-multiple-required-providers         | yes | E Duplicate required providers configuration @ b.tf:2,3
          invalid-native-in-json-file                 | yes | E Invalid JSON keyword @ main.tf.json:1,1; E Root value must be object @ main.tf.json:1,1
          invalid-nullable-with-null-default          | yes | E Invalid default value for variable @ main.tf:4,14
          invalid-override-condition-blocks           | yes | E Can't override validation blocks @ override.tf:2,3; E Can't override postcondition blocks @ override.tf:10,5; E Can't override precondition blocks @ override.tf:18,3
          invalid-override-depends-on                 | yes | E Unsupported override @ override.tf:2,17; E Unsupported override @ override.tf:6,17
          invalid-override-moved-and-import           | yes | E Cannot override 'moved' blocks @ override.tf:1,1; E Cannot override 'import' blocks @ override.tf:6,1
          invalid-override-nonexistent-elements       | yes | E Missing base local value definition to override @ override.tf:2,3; E Missing base output definition to override @ override.tf:5,1; E Missing resource to override @ override.tf:9,1; E Missing data resource to override @ override.tf:11,1; E Missing base provider configuration for override @ override.tf:15,1
          invalid-override-nonexistent-variable       | yes | E Missing base variable declaration to override @ override.tf:1,1
          invalid-override-nullable-default           | yes | E Invalid default value for variable @ override.tf:1,1
          invalid-provider-meta-reference             | yes | E Variables not allowed @ main.tf:3,13
          invalid-provider-reserved-names             | yes | E Reserved argument name in provider block @ main.tf:4,3; E Reserved argument name in provider block @ main.tf:5,3; E Reserved argument name in provider block @ main.tf:6,3; E Reserved argument name in provider block @ main.tf:7,3; E Reserved block type name in provider block @ main.tf:8,3; E Reserved block type name in provider block @ main.tf:9,3
          invalid-replace-triggered-by-each-val       | yes | E Invalid each reference in replace_triggered_by expression @ main.tf:8,29
          invalid-replace-triggered-by-json-object    | yes | E Invalid reference expression @ main.tf.json:11,13
          invalid-replace-triggered-by-not-a-resource | yes | E Invalid reference @ main.tf:4,29
          invalid-replace-triggered-by-variable       | yes | E Invalid reference in replace_triggered_by expression @ main.tf:7,29; E Invalid replace_triggered_by expression @ main.tf:7,29
          invalid-resource-locals-block               | yes | E Reserved block type name in resource block @ main.tf:2,3
          invalid-resource-name-label                 | yes | E Invalid resource name @ main.tf:1,27
          invalid-resource-type-label                 | yes | E Invalid resource type name @ main.tf:1,10; E Invalid data source name @ main.tf:4,6
          invalid-variable-sensitive-type             | yes | E Unsuitable value type @ main.tf:2,16
          invalid-variable-unknown-argument           | yes | E Unsupported argument @ main.tf:3,3
          invalid-variable-validation-no-reference    | yes | E Invalid validation expression @ main.tf:3,21; E Invalid variable validation condition @ main.tf:3,21
          invalid-variable-validation-other-only      | yes | E Invalid variable validation condition @ main.tf:7,21
          valid-backend                               | yes |
          valid-conditional-branches                  | yes |
          valid-conditions                            | yes |
          valid-data-sources                          | yes |
          valid-ephemeral-variable                    | yes |
          valid-heredoc-marker-spaces                 | yes |
          valid-import-blocks                         | yes |
          valid-import-for-each                       | yes |
          valid-import-for-each-json                  | yes |
          valid-import-to-moved-source                | yes |
          valid-import-to-moved-target                | yes |
          valid-language-edition                      | yes |
          valid-moved-blocks                          | yes |
          valid-optional-attributes                   | yes |
          valid-override-backend                      | yes |
          valid-override-backend-no-base              | yes |
          valid-override-default-provider-no-base     | yes |
          valid-override-dynamic-block-in-base        | no  |
          valid-override-dynamic-block-in-override    | no  |
          valid-override-local                        | yes |
          valid-override-output                       | yes |
          valid-override-required-providers           | no  |
          valid-override-required-version             | yes |
          valid-override-resource                     | yes |
          valid-override-resource-provider            | yes |
          valid-override-variable                     | yes |
          valid-override-variable-sensitive           | yes |
          valid-provider-configs                      | yes |
          valid-provider-meta                         | yes |
          valid-replace-triggered-by-shapes           | yes |
          valid-replace-triggered-by-splat            | yes |
          valid-required-providers-after-resource     | no  |
          valid-required-version                      | yes |
          valid-resource-meta-arguments               | yes |
          valid-resource-meta-arguments-json          | yes |
          valid-underscore-names                      | yes |
          valid-variable-validation                   | yes |
          valid-variable-validation-crossref          | yes |
          valid-variable-validation-empty-message     | yes |
          valid-variables                             | yes |
          valid-variables-json                        | yes |
          """)
  void reportsWhatTerraformValidateReports(String name, String checkedByTerraform, String want)
      throws Exception {
    Path dir = fixture(name);
    assertEquals(want == null ? "" : want, diagnostics(dir), name);
  }

  /**
   * Cases Forma cannot run yet, with why. Child modules are issue 10; the rest are Terraform
   * features newer than 1.11.4 or not configuration at all.
   */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          module-calls                          | needs child modules (module blocks are issue 10)
          version-variable                      | needs child modules (a module version from a variable)
          nested-providers-fqns                 | needs child modules
          import-blocks-in-module               | needs child modules
          override-module                       | needs child modules (module blocks in override files)
          ephemeral-invalid-lifecycle           | needs ephemeral resources, which Forma does not support yet
          ephemeral-invalid-name                | needs ephemeral resources, which Forma does not support yet
          cloud                                 | needs the cloud block (HCP Terraform), which Forma refuses
          override-cloud                        | needs the cloud block (HCP Terraform), which Forma refuses
          override-cloud-duplicates             | needs the cloud block (HCP Terraform), which Forma refuses
          conflict-cloud-backend                | needs the cloud block (HCP Terraform), which Forma refuses
          override-backend-with-cloud           | needs the cloud block (HCP Terraform), which Forma refuses
          provider-localname-normalization      | needs provider schemas and installation (local names to source addresses)
          resource-invalid-provider-reference   | needs provider schemas and installation (an undeclared provider reference)
          implied-providers                     | needs provider installation (implied provider source addresses)
          providers-explicit-implied            | needs provider installation (implied provider source addresses)
          legacy-implied-provider-requirements  | needs provider installation (implied provider source addresses)
          providers-fqns                        | needs provider installation (provider source addresses)
          importable-resource                   | needs a provider schema (import support of a resource type)
          actions                               | newer than Terraform 1.11.4 (actions)
          state-store                           | newer than Terraform 1.11.4 (state_store blocks)
          list-resources                        | newer than Terraform 1.11.4 (list blocks and query files)
          output-type-constraint                | newer than Terraform 1.11.4 (type constraints on outputs)
          override-variable-const               | newer than Terraform 1.11.4 (const variables)
          typedefs                              | newer than Terraform 1.11.4 (type definitions)
          smoke-tests                           | an experiment only alpha releases accept
          unused-attrs-override                 | an experiment only alpha releases accept
          config-driven-move-experiment         | an experiment only alpha releases accept
          tests                                 | terraform test files (.tftest.hcl), not configuration
          mocks                                 | terraform test mock files (.tfmock.hcl), not configuration
          """)
  void notRunYet(String name, String reason) {
    Assumptions.abort(reason);
  }

  private static Path fixture(String name) throws URISyntaxException {
    var url = TerraformConfigSuiteTest.class.getResource("/config-suite/" + name);
    assertNotNull(url, "no fixture directory for " + name);
    return Path.of(url.toURI());
  }

  /** The diagnostics as the table writes them: severity, summary, place; sorted by place. */
  static String diagnostics(Path dir) {
    Result<Module> loaded = ConfigLoader.load(dir, dir);
    Diagnostics all = new Diagnostics().addAll(loaded.diagnostics());
    if (loaded.value() != null && !loaded.hasErrors()) {
      all.addAll(
          ModuleEvaluator.validate(
              loaded.value(), ModuleEvaluator.Environment.of(dir, dir, Map.of()), null));
    }
    List<Diagnostic> list = new ArrayList<>(all.asList());
    list.sort(
        Comparator.comparing((Diagnostic d) -> d.subject() == null ? "" : d.subject().filename())
            .thenComparingInt(d -> d.subject() == null ? 0 : d.subject().start().line())
            .thenComparingInt(d -> d.subject() == null ? 0 : d.subject().start().column())
            .thenComparing(d -> d.isError() ? "E" : "W")
            .thenComparing(Diagnostic::summary));
    List<String> out = new ArrayList<>();
    for (Diagnostic d : list) {
      String where =
          d.subject() == null
              ? ""
              : " @ "
                  + d.subject().filename()
                  + ":"
                  + d.subject().start().line()
                  + ","
                  + d.subject().start().column();
      out.add((d.isError() ? "E " : "W ") + d.summary() + where);
    }
    return String.join("; ", out);
  }

  static boolean exists(Path p) {
    return Files.isDirectory(p);
  }
}
