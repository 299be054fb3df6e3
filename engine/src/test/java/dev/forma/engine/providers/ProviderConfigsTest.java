package dev.forma.engine.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.config.ConfigLoader;
import dev.forma.engine.config.Module;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.providers.MockProvider.Method;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Provider configuration from {@code provider} blocks, implied configurations, and errors. */
class ProviderConfigsTest {
  @TempDir Path dir;

  static final EvalContext CTX =
      new EvalContext(
          Map.of("var", Value.object(Map.of("region", Value.of("cn-hangzhou")))),
          StandardFunctions.INSTANCE,
          null);

  MockProvider mock() {
    return MockProvider.builder("mock")
        .providerBlock(
            BlockSchema.of(
                List.of(
                    AttributeSchema.builder("region", Type.STRING).required().build(),
                    AttributeSchema.builder("endpoint", Type.STRING).optional().build()),
                List.of()))
        .resource("mock_thing", AttributeSchema.builder("id", Type.STRING).computed().build())
        .build();
  }

  Module load(String src) throws Exception {
    Files.writeString(dir.resolve("main.tf"), src);
    Result<Module> r = ConfigLoader.load(dir, dir);
    assertEquals(List.of(), r.diagnostics().asList());
    return r.value();
  }

  static List<String> lines(Iterable<Diagnostic> ds) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : ds) {
      out.add(d.summary() + " | " + d.detail() + " | " + d.subject());
    }
    return out;
  }

  @Test
  void configuresEachBlockAndAliasAndImpliesTheBuiltin() throws Exception {
    MockProvider m = mock();
    Module mod =
        load(
            """
            provider "mock" {
              region = var.region
            }
            provider "mock" {
              alias    = "west"
              region   = "us-west-1"
              endpoint = "local"
            }
            resource "mock_thing" "a" {}
            resource "mock_thing" "b" {
              provider = mock.west
            }
            resource "terraform_data" "c" {}
            """);
    var r = ProviderConfigs.configure(mod, CTX, Providers.of(m.factory()));
    assertEquals(List.of(), lines(r.diagnostics()));
    assertEquals(
        List.of(
            ProviderConfigAddress.of("mock"),
            new ProviderConfigAddress("mock", "west"),
            ProviderConfigAddress.of("terraform")),
        List.copyOf(r.value().keySet()));
    List<Value> configs =
        m.requests(Method.CONFIGURE, Requests.Configure.class).stream()
            .map(Requests.Configure::config)
            .toList();
    assertEquals(
        List.of(Value.of("cn-hangzhou"), Value.of("us-west-1")),
        configs.stream().map(c -> ((ObjectValue) c).get("region")).toList());
    assertEquals(Value.nullOf(Type.STRING), ((ObjectValue) configs.get(0)).get("endpoint"));
  }

  @Test
  void reportsSchemaErrorsUnknownProvidersAndUndeclaredAliases() throws Exception {
    Module mod =
        load(
            """
            provider "mock" {
              regoin = "x"
            }
            provider "aws" {}
            resource "terraform_data" "b" {
              provider = terraform.west
            }
            resource "google_thing" "g" {}
            """);
    var r = ProviderConfigs.configure(mod, CTX, Providers.of(mock().factory()));
    String src = "main.tf";
    assertEquals(
        List.of(
            "Unsupported argument | An argument named \"regoin\" is not expected here. Did you"
                + " mean \"region\"? | "
                + src
                + ":2,3-9",
            "Missing required argument | The argument \"region\" is required, but no definition"
                + " was found. | "
                + src
                + ":1,17-18",
            "Unknown provider | Forma does not know a provider named \"aws\". The providers it"
                + " has are \"mock\", \"terraform\". | "
                + src
                + ":4,1-15",
            "Provider configuration not present | To work with terraform_data.b its original"
                + " provider configuration at provider[\"terraform.io/builtin/terraform\"].west is"
                + " required, but it has been removed. This occurs when a provider configuration"
                + " is removed while objects created by that provider still exist in the state."
                + " Re-add the provider configuration to destroy terraform_data.b, after which you"
                + " can remove the provider configuration again. | "
                + src
                + ":6,14-28",
            "Unknown provider | Forma does not know a provider named \"google\". The providers it"
                + " has are \"mock\", \"terraform\". | "
                + src
                + ":8,10-24"),
        lines(r.diagnostics()));
    assertEquals(List.of(), List.copyOf(r.value().keySet()));
  }

  @Test
  void providerDiagnosticsPointAtTheAttribute() throws Exception {
    MockProvider m = mock();
    m.always(
        Method.CONFIGURE,
        null,
        req ->
            new Requests.Diagnostics(
                List.of(
                    ProviderDiagnostic.error(
                        "Invalid endpoint",
                        "endpoint must be a URL or \"local\"",
                        List.of(PathStep.attr("endpoint"))))));
    Module mod =
        load(
            """
            provider "mock" {
              region   = "r"
              endpoint = "nope"
            }
            """);
    var r = ProviderConfigs.configure(mod, CTX, Providers.of(m.factory()));
    assertEquals(
        List.of(
            "Invalid endpoint | endpoint must be a URL or \"local\" | " + "main.tf" + ":3,14-20"),
        lines(r.diagnostics()));
    assertEquals(List.of(), List.copyOf(r.value().keySet()));
  }
}
