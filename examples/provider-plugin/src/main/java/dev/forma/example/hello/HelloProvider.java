package dev.forma.example.hello;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code hello} provider: one resource type, {@code hello_greeting}, whose objects live only in
 * the state (like {@code terraform_data}), so the example needs no cloud.
 *
 * <ul>
 *   <li>{@code name} (required): who is greeted; a change updates the object in place;
 *   <li>{@code greeting} (computed): {@code "Hello, <name>!"}, known when planning;
 *   <li>{@code id} (computed): a random ID made at create.
 * </ul>
 */
final class HelloProvider implements Provider {
  static final String GREETING = "hello_greeting";

  private static final ProviderSchema SCHEMA =
      new ProviderSchema(
          BlockSchema.of(List.of(), List.of()),
          Map.of(
              GREETING,
              new ResourceSchema(
                  GREETING,
                  BlockSchema.of(
                      List.of(
                          AttributeSchema.builder("id", Type.STRING).computed().build(),
                          AttributeSchema.builder("name", Type.STRING).required().build(),
                          AttributeSchema.builder("greeting", Type.STRING).computed().build()),
                      List.of()),
                  0)),
          Map.of());

  @Override
  public ProviderSchema schema() {
    return SCHEMA;
  }

  @Override
  public Requests.Diagnostics configure(Requests.Configure request) {
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.Diagnostics validateResource(Requests.ValidateResource request) {
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.ReadResult read(Requests.Read request) {
    // nothing exists outside the state: what was recorded is what there is
    return new Requests.ReadResult(request.priorState(), request.privateData(), List.of());
  }

  @Override
  public Requests.PlanResult planChange(Requests.PlanChange request) {
    if (request.proposedNewState() == null) {
      return new Requests.PlanResult(null, List.of(), request.priorPrivate(), List.of());
    }
    Map<String, Value> planned = attributes(request.proposedNewState());
    Value name = planned.get("name");
    planned.put(
        "greeting",
        name.unmark() instanceof StringValue s
            ? Value.of(greeting(s.value()))
            : Value.unknown(Type.STRING));
    planned.put(
        "id",
        request.priorState() == null
            ? Value.unknown(Type.STRING)
            : attributes(request.priorState()).get("id"));
    return new Requests.PlanResult(
        Value.object(planned), List.of(), request.priorPrivate(), List.of());
  }

  @Override
  public Requests.ApplyResult create(Requests.Create request) {
    Map<String, Value> s = attributes(request.plannedState());
    s.put("id", Value.of(UUID.randomUUID().toString()));
    s.put("greeting", Value.of(greeting(((StringValue) s.get("name").unmark()).value())));
    return new Requests.ApplyResult(Value.object(s), null, List.of());
  }

  @Override
  public Requests.ApplyResult update(Requests.Update request) {
    Map<String, Value> s = attributes(request.plannedState());
    s.put("id", attributes(request.priorState()).get("id"));
    s.put("greeting", Value.of(greeting(((StringValue) s.get("name").unmark()).value())));
    return new Requests.ApplyResult(Value.object(s), request.priorPrivate(), List.of());
  }

  @Override
  public Requests.Diagnostics delete(Requests.Delete request) {
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.ReadResult findInFlight(Requests.FindInFlight request) {
    // an interrupted create made nothing outside the state: nothing to find
    return new Requests.ReadResult(null, null, List.of());
  }

  @Override
  public Requests.ImportResult importResource(Requests.Import request) {
    return new Requests.ImportResult(
        null,
        null,
        List.of(
            ProviderDiagnostic.error(
                "Import not supported",
                "A hello_greeting lives only in the state: there is nothing to import.")));
  }

  @Override
  public Requests.ReadResult readData(Requests.ReadData request) {
    return new Requests.ReadResult(
        null,
        null,
        List.of(
            ProviderDiagnostic.error(
                "Invalid data source",
                "The provider example/hello has no data source \"" + request.typeName() + "\".")));
  }

  static String greeting(String name) {
    return "Hello, " + name + "!";
  }

  private static Map<String, Value> attributes(Value v) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (v != null && v.unmark() instanceof ObjectValue o) {
      out.putAll(o.attributes());
    }
    return out;
  }
}
