package dev.forma.engine.providers;

import dev.forma.provider.api.Provider;
import dev.forma.provider.api.ProviderApi;
import dev.forma.provider.api.ProviderDiagnostic;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.Requests;
import dev.forma.provider.api.schema.AttributeSchema;
import dev.forma.provider.api.schema.BlockSchema;
import dev.forma.provider.api.schema.NestedBlockSchema;
import dev.forma.provider.api.schema.ProviderSchema;
import dev.forma.provider.api.schema.ResourceSchema;
import dev.forma.provider.api.value.ListValue;
import dev.forma.provider.api.value.ObjectValue;
import dev.forma.provider.api.value.SetValue;
import dev.forma.provider.api.value.Type;
import dev.forma.provider.api.value.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A scriptable provider for engine tests. It serves the resource and data source types it is built
 * with, records every call in order ({@link #calls()}), and answers each call with a scripted
 * response when one matches (by method, type and the call's ordinal for that method and type,
 * 1-based) or with a default behaviour:
 *
 * <ul>
 *   <li>plan: the proposed state, with computed attributes that are null made unknown on create (on
 *       update the proposed state already holds their prior values);
 *   <li>create: the planned state with {@code id} (when the schema has one and it is unknown) set
 *       from a counter ({@code "<type>-1"}, {@code "<type>-2"}, ...) and other unknowns null;
 *   <li>update: the planned state with unknowns null; read: the prior state unchanged (unless
 *       scripted gone with {@link #readGone}); delete, configure, validate: no diagnostics;
 *   <li>import: an object with {@code id} set and everything else null; find-in-flight: nothing
 *       found; read data: the configuration with unknowns null.
 * </ul>
 *
 * Thread-safe: calls may come from several threads. Every instance a {@link #factory()} makes
 * shares this mock's script, counters and call log.
 */
public final class MockProvider implements Provider {

  /** The SPI methods, for scripting and for reading the call log. */
  public enum Method {
    CONFIGURE,
    VALIDATE_RESOURCE,
    READ,
    READ_MANY,
    PLAN_CHANGE,
    CREATE,
    UPDATE,
    DELETE,
    FIND_IN_FLIGHT,
    IMPORT,
    READ_DATA
  }

  /**
   * One recorded call: the method, the type it was about (null for configure), its ordinal among
   * calls of that method and type (1-based), the request record, and the configuration of the
   * instance that received it (null before configure).
   */
  public record Call(
      Method method, String typeName, int ordinal, Object request, Value providerConfig) {}

  private record Key(Method method, String typeName) {}

  /** Everything instances made by one factory share. */
  private static final class Shared {
    final String name;
    final ProviderSchema schema;
    final List<Call> calls = new ArrayList<>();
    final Map<Key, Integer> counts = new HashMap<>();
    final Map<Key, Map<Integer, Function<Object, Object>>> byOrdinal = new ConcurrentHashMap<>();
    final Map<Key, Function<Object, Object>> always = new ConcurrentHashMap<>();
    final Set<String> goneIds = ConcurrentHashMap.newKeySet();
    final Set<String> goneTypes = ConcurrentHashMap.newKeySet();
    final AtomicLong ids = new AtomicLong();

    Shared(String name, ProviderSchema schema) {
      this.name = name;
      this.schema = schema;
    }
  }

  private final Shared shared;
  private volatile Value config;

  private MockProvider(Shared shared) {
    this.shared = shared;
  }

  /** Starts a mock provider with local name {@code name} (its types start with {@code name_}). */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds the schema of a mock provider. */
  public static final class Builder {
    private final String name;
    private BlockSchema providerBlock = BlockSchema.of(List.of(), List.of());
    private final Map<String, ResourceSchema> resources = new LinkedHashMap<>();
    private final Map<String, ResourceSchema> dataSources = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder providerBlock(BlockSchema block) {
      this.providerBlock = block;
      return this;
    }

    public Builder resource(String type, AttributeSchema... attributes) {
      return resource(type, List.of(attributes), List.of());
    }

    public Builder resource(
        String type, List<AttributeSchema> attributes, List<NestedBlockSchema> blocks) {
      resources.put(type, new ResourceSchema(type, BlockSchema.of(attributes, blocks), 0));
      return this;
    }

    public Builder dataSource(String type, AttributeSchema... attributes) {
      dataSources.put(
          type, new ResourceSchema(type, BlockSchema.of(List.of(attributes), List.of()), 0));
      return this;
    }

    public MockProvider build() {
      return new MockProvider(
          new Shared(name, new ProviderSchema(providerBlock, resources, dataSources)));
    }
  }

  /** A factory whose instances share this mock's script and call log. */
  public ProviderFactory factory() {
    Shared s = shared;
    MockProvider first = this;
    return new ProviderFactory() {
      private boolean handedFirst;

      @Override
      public String name() {
        return s.name;
      }

      @Override
      public String source() {
        return "forma.test/mock/" + s.name;
      }

      @Override
      public String version() {
        return "0.0.1";
      }

      @Override
      public int apiVersion() {
        return ProviderApi.VERSION;
      }

      @Override
      public synchronized Provider create() {
        if (!handedFirst) {
          handedFirst = true;
          return first;
        }
        return new MockProvider(s);
      }
    };
  }

  // ---- scripting ----

  /**
   * Answers the {@code ordinal}-th call (1-based) of {@code method} on {@code type} with {@code
   * response}, given the request record; it returns the response record of that method.
   */
  public MockProvider on(
      Method method, String type, int ordinal, Function<Object, Object> response) {
    shared
        .byOrdinal
        .computeIfAbsent(new Key(method, type), k -> new ConcurrentHashMap<>())
        .put(ordinal, response);
    return this;
  }

  /** Answers every call of {@code method} on {@code type} (unless an ordinal script matches). */
  public MockProvider always(Method method, String type, Function<Object, Object> response) {
    shared.always.put(new Key(method, type), response);
    return this;
  }

  /** Makes the {@code ordinal}-th call of {@code method} on {@code type} fail with that error. */
  public MockProvider fail(Method method, String type, int ordinal, String summary, String detail) {
    return on(method, type, ordinal, req -> failure(method, summary, detail));
  }

  /** Makes every call of {@code method} on {@code type} fail with that error. */
  public MockProvider failAlways(Method method, String type, String summary, String detail) {
    return always(method, type, req -> failure(method, summary, detail));
  }

  /** Read says the object with that {@code id} is gone. */
  public MockProvider readGone(String id) {
    shared.goneIds.add(id);
    return this;
  }

  /** Read says every object of that type is gone. */
  public MockProvider readGoneType(String type) {
    shared.goneTypes.add(type);
    return this;
  }

  private static Object failure(Method method, String summary, String detail) {
    List<ProviderDiagnostic> d = List.of(ProviderDiagnostic.error(summary, detail));
    return switch (method) {
      case CONFIGURE, VALIDATE_RESOURCE, DELETE -> new Requests.Diagnostics(d);
      case READ, FIND_IN_FLIGHT, READ_DATA -> new Requests.ReadResult(null, null, d);
      case READ_MANY -> throw new IllegalArgumentException("script read-many with always()");
      case PLAN_CHANGE -> new Requests.PlanResult(null, List.of(), null, d);
      case CREATE, UPDATE -> new Requests.ApplyResult(null, null, d);
      case IMPORT -> new Requests.ImportResult(null, null, d);
    };
  }

  // ---- the call log ----

  /** Every call so far, in the order they arrived. */
  public List<Call> calls() {
    synchronized (shared) {
      return List.copyOf(shared.calls);
    }
  }

  /** The calls of one method, in order. */
  public List<Call> calls(Method method) {
    return calls().stream().filter(c -> c.method() == method).toList();
  }

  /** The request records of one method, in order. */
  public <T> List<T> requests(Method method, Class<T> type) {
    return calls(method).stream().map(c -> type.cast(c.request())).toList();
  }

  /** Each call as {@code METHOD type}, in order: for asserting sequences. */
  public List<String> callSummary() {
    return calls().stream()
        .map(c -> c.typeName() == null ? c.method().name() : c.method() + " " + c.typeName())
        .toList();
  }

  /** The configuration this instance was configured with (null before configure). */
  public Value config() {
    return config;
  }

  private Function<Object, Object> record(Method method, String type, Object request) {
    Key key = new Key(method, type);
    int ordinal;
    synchronized (shared) {
      ordinal = shared.counts.merge(key, 1, Integer::sum);
      shared.calls.add(new Call(method, type, ordinal, request, config));
    }
    Map<Integer, Function<Object, Object>> scripted = shared.byOrdinal.get(key);
    if (scripted != null && scripted.containsKey(ordinal)) {
      return scripted.get(ordinal);
    }
    return shared.always.get(key);
  }

  // ---- the SPI ----

  @Override
  public ProviderSchema schema() {
    return shared.schema;
  }

  @Override
  public Requests.Diagnostics configure(Requests.Configure request) {
    Function<Object, Object> s = record(Method.CONFIGURE, null, request);
    config = request.config();
    return s != null ? (Requests.Diagnostics) s.apply(request) : Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.Diagnostics validateResource(Requests.ValidateResource request) {
    Function<Object, Object> s = record(Method.VALIDATE_RESOURCE, request.typeName(), request);
    return s != null ? (Requests.Diagnostics) s.apply(request) : Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.ReadResult read(Requests.Read request) {
    Function<Object, Object> s = record(Method.READ, request.typeName(), request);
    if (s != null) {
      return (Requests.ReadResult) s.apply(request);
    }
    boolean gone =
        shared.goneTypes.contains(request.typeName())
            || (request.priorState() != null
                && request.priorState().unmark() instanceof ObjectValue o
                && o.get("id") != null
                && o.get("id").unmark() instanceof dev.forma.provider.api.value.StringValue id
                && shared.goneIds.contains(id.value()));
    return new Requests.ReadResult(
        gone ? null : request.priorState(), request.privateData(), List.of());
  }

  /**
   * Bulk read: only for types scripted with {@link #always} on {@link Method#READ_MANY} (only then
   * is the call logged); other types answer null, as a provider without the capability.
   */
  @Override
  public Requests.ReadManyResult readMany(Requests.ReadMany request) {
    if (!shared.always.containsKey(new Key(Method.READ_MANY, request.typeName()))) {
      return null;
    }
    return (Requests.ReadManyResult)
        record(Method.READ_MANY, request.typeName(), request).apply(request);
  }

  @Override
  public Requests.PlanResult planChange(Requests.PlanChange request) {
    Function<Object, Object> s = record(Method.PLAN_CHANGE, request.typeName(), request);
    if (s != null) {
      return (Requests.PlanResult) s.apply(request);
    }
    Value planned = request.proposedNewState();
    if (planned != null && request.priorState() == null) {
      planned = unknownComputed(planned, blockOf(request.typeName()));
    }
    return new Requests.PlanResult(planned, List.of(), request.priorPrivate(), List.of());
  }

  @Override
  public Requests.ApplyResult create(Requests.Create request) {
    Function<Object, Object> s = record(Method.CREATE, request.typeName(), request);
    if (s != null) {
      return (Requests.ApplyResult) s.apply(request);
    }
    Value state = request.plannedState();
    if (state.unmark() instanceof ObjectValue o && o.get("id") != null && !o.get("id").isKnown()) {
      Map<String, Value> attrs = new LinkedHashMap<>(o.attributes());
      attrs.put("id", Value.of(request.typeName() + "-" + shared.ids.incrementAndGet()));
      state = Value.object(attrs);
    }
    return new Requests.ApplyResult(knownOrNull(state), null, List.of());
  }

  @Override
  public Requests.ApplyResult update(Requests.Update request) {
    Function<Object, Object> s = record(Method.UPDATE, request.typeName(), request);
    if (s != null) {
      return (Requests.ApplyResult) s.apply(request);
    }
    return new Requests.ApplyResult(
        knownOrNull(request.plannedState()), request.priorPrivate(), List.of());
  }

  @Override
  public Requests.Diagnostics delete(Requests.Delete request) {
    Function<Object, Object> s = record(Method.DELETE, request.typeName(), request);
    return s != null ? (Requests.Diagnostics) s.apply(request) : Requests.Diagnostics.NONE;
  }

  @Override
  public Requests.ReadResult findInFlight(Requests.FindInFlight request) {
    Function<Object, Object> s = record(Method.FIND_IN_FLIGHT, request.typeName(), request);
    return s != null
        ? (Requests.ReadResult) s.apply(request)
        : new Requests.ReadResult(null, null, List.of());
  }

  @Override
  public Requests.ImportResult importResource(Requests.Import request) {
    Function<Object, Object> s = record(Method.IMPORT, request.typeName(), request);
    if (s != null) {
      return (Requests.ImportResult) s.apply(request);
    }
    BlockSchema block = blockOf(request.typeName());
    if (block == null) {
      return new Requests.ImportResult(
          null,
          null,
          List.of(ProviderDiagnostic.error("Unsupported resource type", request.typeName())));
    }
    Map<String, Value> attrs = new LinkedHashMap<>();
    block.impliedType().attributes().forEach((n, t) -> attrs.put(n, Value.nullOf(t)));
    attrs.put("id", Value.of(request.id()));
    return new Requests.ImportResult(Value.object(attrs), null, List.of());
  }

  @Override
  public Requests.ReadResult readData(Requests.ReadData request) {
    Function<Object, Object> s = record(Method.READ_DATA, request.typeName(), request);
    if (s != null) {
      return (Requests.ReadResult) s.apply(request);
    }
    return new Requests.ReadResult(knownOrNull(request.config()), null, List.of());
  }

  // ---- helpers ----

  private BlockSchema blockOf(String type) {
    ResourceSchema r = shared.schema.resources().get(type);
    if (r == null) {
      r = shared.schema.dataSources().get(type);
    }
    return r == null ? null : r.block();
  }

  /** Computed attributes that are null become unknown of their type. */
  private static Value unknownComputed(Value v, BlockSchema block) {
    if (block == null || !(v.unmark() instanceof ObjectValue o)) {
      return v;
    }
    Map<String, Value> attrs = new LinkedHashMap<>(o.attributes());
    for (AttributeSchema a : block.attributes().values()) {
      Value cur = attrs.get(a.name());
      if (a.computed() && (cur == null || cur.isNull())) {
        attrs.put(a.name(), Value.unknown(a.type()));
      }
    }
    return Value.object(attrs);
  }

  /** Unknowns, however deep, become nulls of their type: what a provider leaves unset. */
  static Value knownOrNull(Value v) {
    if (v == null) {
      return null;
    }
    return switch (v) {
      case dev.forma.provider.api.value.UnknownValue u -> Value.nullOf(u.type());
      case dev.forma.provider.api.value.SensitiveValue sv ->
          knownOrNull(sv.inner()).markSensitive();
      case ObjectValue o -> {
        Map<String, Value> attrs = new LinkedHashMap<>();
        o.attributes().forEach((k, x) -> attrs.put(k, knownOrNull(x)));
        yield Value.object(attrs);
      }
      case ListValue l ->
          Value.list(
              l.elementType(), l.elements().stream().map(MockProvider::knownOrNull).toList());
      case SetValue st ->
          Value.set(
              st.elementType(), st.elements().stream().map(MockProvider::knownOrNull).toList());
      case dev.forma.provider.api.value.TupleValue t ->
          Value.tuple(t.elements().stream().map(MockProvider::knownOrNull).toList());
      case dev.forma.provider.api.value.MapValue m -> {
        Map<String, Value> e = new LinkedHashMap<>();
        m.entries().forEach((k, x) -> e.put(k, knownOrNull(x)));
        yield Value.map(m.elementType(), e);
      }
      case dev.forma.provider.api.value.NullValue n -> n;
      case dev.forma.provider.api.value.BoolValue b -> b;
      case dev.forma.provider.api.value.NumberValue n -> n;
      case dev.forma.provider.api.value.StringValue str -> str;
    };
  }

  /** A mock provider named {@code mock} serving {@code mock_thing}: id, name (required), size. */
  public static MockProvider simple() {
    return builder("mock")
        .resource(
            "mock_thing",
            AttributeSchema.builder("id", Type.STRING).computed().build(),
            AttributeSchema.builder("name", Type.STRING).required().build(),
            AttributeSchema.builder("size", Type.NUMBER).optional().build())
        .build();
  }
}
