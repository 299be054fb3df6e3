package dev.forma.cli.scenarios;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.NumberValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider for scenarios Terraform's builtin resource cannot play: one resource type, {@code
 * failing_thing}, whose configuration says how it misbehaves.
 *
 * <ul>
 *   <li>{@code name} (required): the object's ID is {@code thing-NAME};
 *   <li>{@code input} (optional string): stored as given, updated in place;
 *   <li>{@code fail} (optional): {@code "create"} fails before anything exists, {@code
 *       "create-after"} fails after the object exists (Forma keeps it, tainted), {@code "update"}
 *       and {@code "delete"} fail those steps;
 *   <li>{@code delay_ms} (optional number): a create waits this long before answering, so a
 *       scenario can stop the process mid-create.
 * </ul>
 *
 * The provider block's optional {@code store} names a directory where a create records the object's
 * idempotency token under its name before waiting; {@code findInFlight} finds an interrupted
 * create's object there, as a cloud API with client tokens would.
 */
public final class FailingProvider implements Provider {
  static final String TYPE = "failing_thing";

  private static final ResourceSchema THING =
      new ResourceSchema(
          TYPE,
          BlockSchema.of(
              List.of(
                  AttributeSchema.builder("id", Type.STRING).computed().build(),
                  AttributeSchema.builder("name", Type.STRING).required().forceNew().build(),
                  AttributeSchema.builder("input", Type.STRING).optional().build(),
                  AttributeSchema.builder("fail", Type.STRING).optional().build(),
                  AttributeSchema.builder("delay_ms", Type.NUMBER).optional().build()),
              List.of()),
          0);

  private static final ProviderSchema SCHEMA =
      new ProviderSchema(
          BlockSchema.of(
              List.of(AttributeSchema.builder("store", Type.STRING).optional().build()), List.of()),
          Map.of(TYPE, THING),
          Map.of());

  private volatile Path store;

  @Override
  public ProviderSchema schema() {
    return SCHEMA;
  }

  @Override
  public Requests.Diagnostics configure(Requests.Configure request) {
    String s = string(request.config(), "store");
    store = s == null ? null : Path.of(s);
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.Diagnostics validateResource(Requests.ValidateResource request) {
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.ReadResult read(Requests.Read request) {
    return new Requests.ReadResult(request.priorState(), request.privateData(), List.of());
  }

  @Override
  public Requests.PlanResult planChange(Requests.PlanChange request) {
    if (request.proposedNewState() == null) {
      return new Requests.PlanResult(null, List.of(), request.priorPrivate(), List.of());
    }
    Map<String, Value> planned = attributes(request.proposedNewState());
    planned.put(
        "id",
        request.priorState() == null
            ? Value.unknown(Type.STRING)
            : attributes(request.priorState()).get("id"));
    return new Requests.PlanResult(Value.object(planned), List.of(), null, List.of());
  }

  @Override
  public Requests.ApplyResult create(Requests.Create request) {
    Map<String, Value> s = attributes(request.plannedState());
    String name = string(request.plannedState(), "name");
    if (store != null) {
      try {
        Files.createDirectories(store);
        // written whole, then renamed into place: the crash scenario kills the process as soon
        // as the file exists, and an empty file would be an object its lookup cannot recognise
        Path part = store.resolve(name + ".part");
        Files.writeString(part, request.idempotencyToken());
        Files.move(part, store.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (s.get("delay_ms") instanceof NumberValue n) {
      try {
        Thread.sleep(n.value().longValue());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    String fail = string(request.plannedState(), "fail");
    if ("create".equals(fail)) {
      return new Requests.ApplyResult(null, null, List.of(failure("create", name)));
    }
    s.put("id", Value.of("thing-" + name));
    if ("create-after".equals(fail)) {
      return new Requests.ApplyResult(
          Value.object(s),
          null,
          List.of(
              ProviderDiagnostic.error(
                  "Thing not healthy",
                  "The thing \"" + name + "\" was created but did not become healthy.")));
    }
    return new Requests.ApplyResult(Value.object(s), null, List.of());
  }

  @Override
  public Requests.ApplyResult update(Requests.Update request) {
    if ("update".equals(string(request.plannedState(), "fail"))) {
      return new Requests.ApplyResult(
          null, null, List.of(failure("update", string(request.plannedState(), "name"))));
    }
    return new Requests.ApplyResult(request.plannedState(), null, List.of());
  }

  @Override
  public Requests.Diagnostics delete(Requests.Delete request) {
    if ("delete".equals(string(request.priorState(), "fail"))) {
      return new Requests.Diagnostics(
          List.of(failure("delete", string(request.priorState(), "name"))));
    }
    return Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.ReadResult findInFlight(Requests.FindInFlight request) {
    String name = string(request.plannedState(), "name");
    Path recorded = store == null || name == null ? null : store.resolve(name);
    try {
      if (recorded != null
          && Files.exists(recorded)
          && Files.readString(recorded).equals(request.idempotencyToken())) {
        Map<String, Value> s = attributes(request.plannedState());
        s.put("id", Value.of("thing-" + name));
        return new Requests.ReadResult(Value.object(s), null, List.of());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Requests.ReadResult(null, null, List.of());
  }

  @Override
  public Requests.ImportResult importResource(Requests.Import request) {
    return new Requests.ImportResult(
        null,
        null,
        List.of(
            ProviderDiagnostic.error("Import not supported", "failing_thing cannot be imported.")));
  }

  @Override
  public Requests.ReadResult readData(Requests.ReadData request) {
    return new Requests.ReadResult(
        null,
        null,
        List.of(ProviderDiagnostic.error("Invalid data source", "The failing provider has none.")));
  }

  private static ProviderDiagnostic failure(String step, String name) {
    return ProviderDiagnostic.error(
        "Failed to " + step + " thing",
        "The thing \"" + name + "\" could not be " + step + "d: this scenario asks it to fail.");
  }

  private static Map<String, Value> attributes(Value v) {
    Map<String, Value> out = new LinkedHashMap<>();
    if (v != null && v.unmark() instanceof ObjectValue o) {
      out.putAll(o.attributes());
    }
    return out;
  }

  private static String string(Value v, String attribute) {
    if (v != null
        && v.unmark() instanceof ObjectValue o
        && o.get(attribute) != null
        && o.get(attribute).unmark() instanceof StringValue s) {
      return s.value();
    }
    return null;
  }
}
