package dev.forma.engine.planfile;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.Variable;
import dev.forma.engine.config.VariableArg;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.MovedObject;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.schema.SchemaValues;
import dev.forma.provider.api.value.PathStep;
import dev.forma.provider.api.value.Value;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.codec.GoJson;
import dev.forma.state.codec.StateCodec;
import dev.forma.state.encryption.StateEncryption;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A saved plan ({@code forma plan -out=FILE}): the plan, the options it was made with, the prior
 * state it was made from (its serial and lineage decide whether it may still be applied), a
 * snapshot of the configuration files, and the variable sources to read sensitive values from
 * again. The format is one JSON document, described in docs/planfile.md.
 *
 * <p>Sensitive values are never written in plain text: a sensitive value in the plan (in a
 * variable, an attribute or an output) is written as a fingerprint salted with this file's {@link
 * #salt()}, and the prior state's sensitive attributes and outputs likewise. A plan read back holds
 * such values as sensitive fingerprint strings: {@link #needsSensitiveValues()} says whether there
 * are any, {@link #checkVariables} compares sensitive variables taken again from their sources with
 * the fingerprints, and {@link #restore} takes the other sensitive values from a plan made again
 * from those inputs.
 *
 * @param formaVersion the version of Forma that wrote the plan
 * @param plan the plan (sensitive values redacted once read back)
 * @param refresh whether the plan refreshed the state first
 * @param targets the {@code -target} addresses, as given
 * @param replace the {@code -replace} addresses, as given
 * @param priorState the state the plan was made from, with what its refresh found recorded in it
 *     (sensitive values redacted once read back: see {@link #restorePriorState})
 * @param configuration the configuration files by display name, in load order
 * @param moduleDigests the files of the child modules the plan was made with, by display name, each
 *     as the SHA-256 of its text (hex); {@link #checkModules} refuses the plan when they changed
 *     since (Terraform snapshots child modules in its plan files)
 * @param variableArgs the {@code -var-file} options, and the {@code -var} options of variables that
 *     are not sensitive, in command-line order
 * @param salt the salt of this file's fingerprints (32 random bytes)
 * @param backend where the plan's state is: the backend, its configuration and the workspace (null
 *     in a file that does not record them, which {@link #checkBackend} refuses)
 */
public record PlanFile(
    String formaVersion,
    Plan plan,
    boolean refresh,
    List<String> targets,
    List<String> replace,
    State priorState,
    Map<String, String> configuration,
    Map<String, String> moduleDigests,
    List<VariableArg> variableArgs,
    byte[] salt,
    Backend backend) {
  /** The format this class writes and reads ({@code "format_version"} in the file). */
  public static final int FORMAT_VERSION = 1;

  /** The {@code "format"} field that tells a Forma plan file from other JSON. */
  public static final String FORMAT = "forma-plan";

  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

  /**
   * Where a plan's state is kept: the backend type ({@code local}, {@code pg}, ...), the
   * fingerprint of its configuration (type and arguments, naming no value), and the workspace.
   */
  public record Backend(String type, String configFingerprint, String workspace) {
    public Backend {
      java.util.Objects.requireNonNull(type, "type");
      java.util.Objects.requireNonNull(configFingerprint, "configFingerprint");
      java.util.Objects.requireNonNull(workspace, "workspace");
    }
  }

  public PlanFile {
    targets = List.copyOf(targets);
    replace = List.copyOf(replace);
    configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(configuration));
    moduleDigests = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(moduleDigests));
    variableArgs = List.copyOf(variableArgs);
    salt = salt.clone();
  }

  /**
   * A saved plan of {@code plan} made from {@code module} and {@code priorState}, with a new salt.
   * The {@code -var} options of sensitive variables are left out of {@code variableArgs} (their
   * text holds the secret): they must be given again to {@code apply}.
   */
  public static PlanFile of(
      Plan plan,
      boolean refresh,
      List<String> targets,
      List<String> replace,
      State priorState,
      Module module,
      List<VariableArg> variableArgs,
      String formaVersion) {
    List<VariableArg> args = new ArrayList<>();
    for (VariableArg a : variableArgs) {
      switch (a) {
        case VariableArg.VarFile f -> args.add(f);
        case VariableArg.Var v -> {
          int eq = v.assignment().indexOf('=');
          String name = eq < 0 ? v.assignment() : v.assignment().substring(0, eq);
          Variable decl = module.variables().get(name.strip());
          if (decl == null || !decl.sensitive()) {
            args.add(v);
          }
        }
      }
    }
    return new PlanFile(
        formaVersion,
        plan,
        refresh,
        targets,
        replace,
        plan.priorState() != null ? plan.priorState() : priorState,
        module.sources(),
        Map.of(),
        args,
        SchemaValues.newSalt(),
        null);
  }

  /** This plan file, recording that its state is in {@code where}. */
  public PlanFile withBackend(Backend where) {
    return new PlanFile(
        formaVersion,
        plan,
        refresh,
        targets,
        replace,
        priorState,
        configuration,
        moduleDigests,
        variableArgs,
        salt,
        where);
  }

  /** This plan file, recording the child modules' files it was made with (see the record). */
  public PlanFile withModules(Map<String, String> digests) {
    return new PlanFile(
        formaVersion,
        plan,
        refresh,
        targets,
        replace,
        priorState,
        configuration,
        digests,
        variableArgs,
        salt,
        backend);
  }

  /**
   * The entry of {@link #moduleDigests} that records the dependency lock file the plan was made
   * with (the SHA-256 of its text); absent when there was none.
   */
  public static final String DEPENDENCY_LOCK = ".forma.lock.hcl";

  /**
   * An error when the child modules' files ({@code current}, as {@link #moduleDigests}) are not
   * those the plan was made with: applying it would evaluate other code than was reviewed. Also
   * when the dependency lock file ({@link #DEPENDENCY_LOCK}) changed: the plan would be applied by
   * other provider plugins than it was made with (Terraform keeps the lock file in its plan files
   * and refuses so too).
   */
  public Diagnostics checkModules(Map<String, String> current) {
    if (!java.util.Objects.equals(
        moduleDigests.get(DEPENDENCY_LOCK), current.get(DEPENDENCY_LOCK))) {
      return Diagnostics.of(
          Diagnostic.error(
              "Inconsistent dependency lock file",
              "The given plan file was created with a different set of external dependency"
                  + " selections than the current configuration. A saved plan can be applied"
                  + " only to the same configuration it was created from.\n\nCreate a new plan"
                  + " from the updated configuration."));
    }
    java.util.SortedSet<String> changed = new java.util.TreeSet<>();
    moduleDigests.forEach(
        (name, digest) -> {
          if (!name.equals(DEPENDENCY_LOCK) && !digest.equals(current.get(name))) {
            changed.add(name);
          }
        });
    current.keySet().stream()
        .filter(n -> !n.equals(DEPENDENCY_LOCK) && !moduleDigests.containsKey(n))
        .forEach(changed::add);
    if (changed.isEmpty()) {
      return new Diagnostics();
    }
    return Diagnostics.of(
        Diagnostic.error(
            "Saved plan does not match its modules",
            "The child modules' files changed since this plan was made ("
                + String.join(", ", changed)
                + "): applying it would evaluate other code than the plan shows. Run \"forma"
                + " plan\" again to make a plan from the modules as they are."));
  }

  @Override
  public byte[] salt() {
    return salt.clone();
  }

  // ------------------------------------------------------------------ applying checks

  /**
   * Refuses, by name, to apply the plan where its state is not: another backend type, another
   * configuration of the same type (another database, path or bucket), or another workspace than
   * {@code current}, the backend and workspace the apply would use. No diagnostics when they are
   * the plan's.
   */
  public Diagnostics checkBackend(Backend current) {
    Diagnostics d = new Diagnostics();
    String again = " Make a new plan with \"forma plan\" where you mean to apply it.";
    if (backend == null) {
      d.add(
          Diagnostic.error(
              "Saved plan does not record its backend",
              "The given plan file does not record the backend and the workspace it was made"
                  + " for (an earlier version of Forma wrote it), so Forma cannot tell whether"
                  + " its changes were planned from the state it would apply them to."
                  + again));
      return d;
    }
    if (!backend.type().equals(current.type())) {
      d.add(
          Diagnostic.error(
              "Saved plan is for another backend",
              "The given plan file was made with the \""
                  + backend.type()
                  + "\" backend, and this working directory now uses the \""
                  + current.type()
                  + "\" backend: its changes were planned from a state that the \""
                  + current.type()
                  + "\" backend does not hold."
                  + again));
      return d;
    }
    if (!backend.configFingerprint().equals(current.configFingerprint())) {
      d.add(
          Diagnostic.error(
              "Saved plan is for another backend",
              "The given plan file was made with another configuration of the \""
                  + backend.type()
                  + "\" backend (configuration "
                  + backend.configFingerprint()
                  + ") than this working directory now uses (configuration "
                  + current.configFingerprint()
                  + "): the backend block, or the -backend-config values given to \"forma"
                  + " init\", changed since. Its changes were planned from a state that this"
                  + " backend may not hold."
                  + again));
      return d;
    }
    if (!backend.workspace().equals(current.workspace())) {
      d.add(
          Diagnostic.error(
              "Saved plan is for another workspace",
              "The given plan file was made in workspace \""
                  + backend.workspace()
                  + "\", and the selected workspace is \""
                  + current.workspace()
                  + "\": its changes were planned from the state of \""
                  + backend.workspace()
                  + "\". Select \""
                  + backend.workspace()
                  + "\" (forma workspace select "
                  + backend.workspace()
                  + ") to apply it there, or make a new plan in \""
                  + current.workspace()
                  + "\"."));
    }
    return d;
  }

  /**
   * Terraform's "Saved plan is stale" when {@code current} is not the state the plan was made from
   * (another serial or lineage); no diagnostics otherwise.
   */
  public Diagnostics checkState(State current) {
    Diagnostics d = new Diagnostics();
    // Without a state file every read starts a new lineage: an empty state is no news.
    boolean bothEmpty =
        current.serial() == 0
            && current.isEmpty()
            && plan.priorSerial() == 0
            && priorState.isEmpty();
    if (!bothEmpty
        && (current.serial() != plan.priorSerial()
            || !current.lineage().equals(plan.priorLineage()))) {
      d.add(
          Diagnostic.error(
              "Saved plan is stale",
              "The given plan file can no longer be applied because the state was changed by"
                  + " another operation after the plan was created."));
    }
    return d;
  }

  /**
   * The plan's refreshed prior state (what its refresh found, recorded in the state it was made
   * from), for the apply to start from. The file holds its sensitive attributes as fingerprints:
   * each is taken from the same object in {@code current}, the state the plan was made from (see
   * {@link #checkState}), when it matches. An error names the object whose sensitive value changed
   * outside Forma since the plan: the file cannot say what it became.
   */
  public Result<State> restorePriorState(State current) {
    Diagnostics d = new Diagnostics();
    if (!plan.moves().isEmpty()) {
      // the saved prior state has moved objects at their new addresses
      State.Builder moved = current.toBuilder();
      for (MovedObject m : plan.moves()) {
        moved.apply(
            new dev.forma.state.StateChange.Move(
                StateAddresses.toState(m.from()), StateAddresses.toState(m.to())));
      }
      current = moved.build();
    }
    State.Builder b = current.toBuilder();
    for (ResourceState rs : current.resources().values()) {
      for (ResourceInstance ri : rs.instances().values()) {
        if (ri.current() == null) {
          continue;
        }
        InstanceAddress address = new InstanceAddress(rs.address(), ri.key());
        InstanceObject saved = priorState.currentObject(address).orElse(null);
        if (saved == null) {
          b.removeCurrent(address);
          continue;
        }
        InstanceObject restored = withSensitiveFrom(saved, ri.current());
        if (restored == null) {
          d.add(
              Diagnostic.error(
                  "Saved plan does not match its sensitive values",
                  "A sensitive value of "
                      + address
                      + " changed outside Forma before this plan was made, and sensitive values"
                      + " are not stored in plan files, so Forma cannot record what the plan's"
                      + " refresh found. Make a new plan."));
        } else if (!restored.equals(ri.current())) {
          String provider =
              priorState.resource(rs.address()).map(ResourceState::provider).orElse(rs.provider());
          b.setCurrent(address, provider, restored);
        }
      }
    }
    return d.hasErrors() ? new Result<>(null, d) : new Result<>(b.build(), d);
  }

  /**
   * {@code saved} with each attribute that a sensitive path starts at taken from {@code current}
   * when its fingerprint there matches; null when one does not.
   */
  private InstanceObject withSensitiveFrom(InstanceObject saved, InstanceObject current) {
    if (saved.sensitiveAttributes().isEmpty()) {
      return saved;
    }
    ObjectNode attrs = saved.attributes().deepCopy();
    for (dev.forma.state.AttributePath path : saved.sensitiveAttributes()) {
      if (path.steps().isEmpty()
          || !(path.steps().get(0) instanceof dev.forma.state.PathStep.GetAttr first)
          || !attrs.has(first.name())) {
        continue;
      }
      JsonNode was = attrs.get(first.name());
      JsonNode now = current.attributes().get(first.name());
      if (now == null
          || !(now.equals(was) || (was.isTextual() && fingerprintJson(now).equals(was.asText())))) {
        return null;
      }
      attrs.set(first.name(), now);
    }
    return new InstanceObject(
        saved.schemaVersion(),
        attrs,
        saved.sensitiveAttributes(),
        saved.privateData(),
        saved.dependencies(),
        saved.createBeforeDestroy(),
        saved.status());
  }

  /** True when the plan holds sensitive values that must be taken again before it is applied. */
  public boolean needsSensitiveValues() {
    return plan.variables().values().stream().anyMatch(SensitiveRestorer::redacted)
        || plan.changes().stream()
            .anyMatch(
                c ->
                    SensitiveRestorer.redacted(c.before()) || SensitiveRestorer.redacted(c.after()))
        || plan.outputs().stream()
            .anyMatch(
                o ->
                    SensitiveRestorer.redacted(o.before())
                        || SensitiveRestorer.redacted(o.after()));
  }

  /**
   * The plan's variable values, with each sensitive one taken from {@code resolved} (the values
   * read again from the same sources) and checked against its fingerprint: an error names each
   * sensitive variable that has no value now or another value than when the plan was made.
   */
  public Result<Map<String, Value>> checkVariables(Map<String, Value> resolved) {
    Diagnostics d = new Diagnostics();
    Map<String, Value> out = new LinkedHashMap<>();
    for (Map.Entry<String, Value> e : plan.variables().entrySet()) {
      Value saved = e.getValue();
      if (!SensitiveRestorer.redacted(saved)) {
        out.put(e.getKey(), saved);
        continue;
      }
      Value now = resolved.get(e.getKey());
      String fp =
          saved.unmark() instanceof dev.forma.provider.api.value.StringValue s ? s.value() : null;
      if (now == null) {
        d.add(
            Diagnostic.error(
                "No value for sensitive variable",
                "The saved plan was made with a value for the sensitive variable \""
                    + e.getKey()
                    + "\", which is not stored in the plan file. Give it again as when the plan"
                    + " was made: with -var, -var-file, a .tfvars file or the TF_VAR_"
                    + e.getKey()
                    + " environment variable."));
        continue;
      }
      if (fp != null && !SchemaValues.matchesFingerprint(now.unmarkDeep(), fp, salt)) {
        d.add(
            Diagnostic.error(
                "Sensitive variable changed since the plan",
                "The value of the sensitive variable \""
                    + e.getKey()
                    + "\" is not the one the saved plan was made with. Sensitive values are not"
                    + " stored in plan files, so Forma reads them again from the same sources"
                    + " (-var, -var-file, .tfvars files, TF_VAR_ environment variables). Give the"
                    + " value used when the plan was made, or make a new plan."));
        continue;
      }
      out.put(e.getKey(), now.markSensitive());
    }
    return new Result<>(out, d);
  }

  /**
   * The saved plan with its sensitive values taken from {@code fresh}, a plan made again from the
   * same configuration, state and (checked) variables; an error when a value found there does not
   * match its fingerprint.
   */
  public Result<Plan> restore(Plan fresh) {
    SensitiveRestorer r = new SensitiveRestorer(salt);
    Plan restored = r.restore(plan, fresh);
    Diagnostics d = new Diagnostics();
    if (r.mismatch != null) {
      d.add(
          Diagnostic.error(
              "Saved plan does not match its sensitive values",
              "A sensitive value of "
                  + r.mismatch
                  + " is not the one the saved plan was made with. Sensitive values are not stored"
                  + " in plan files: Forma computes them again from the configuration, the state"
                  + " and the variables, and they no longer match. Make a new plan."));
      return new Result<>(null, d);
    }
    return new Result<>(restored, d);
  }

  /** The plan's {@code -target} addresses, parsed (they were valid when the plan was made). */
  public List<ResourceInstanceAddress> targetAddresses() {
    return targets.stream().map(t -> ResourceInstanceAddress.parse(t).value()).toList();
  }

  // ------------------------------------------------------------------ writing

  /** Writes this plan to {@code path} atomically (a temporary file renamed). */
  public void write(Path path, String stateProgramVersion) throws IOException {
    try {
      write(path, stateProgramVersion, StateEncryption.NONE);
    } catch (StateException e) {
      throw new IllegalStateException("writing without encryption cannot fail so", e);
    }
  }

  /**
   * Writes this plan to {@code path} atomically, the whole file encrypted with {@code encryption}
   * (the plan encryption: OpenTofu's envelope around the plan's JSON) when it encrypts.
   */
  public void write(Path path, String stateProgramVersion, StateEncryption encryption)
      throws IOException, StateException {
    byte[] bytes =
        encryption.encrypt(
            (GoJson.indented(toJson(stateProgramVersion)) + "\n").getBytes(StandardCharsets.UTF_8));
    Path abs = path.toAbsolutePath();
    Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  ObjectNode toJson(String stateProgramVersion) {
    ObjectNode root = ValueCodec.F.objectNode();
    root.put("format", FORMAT);
    root.put("format_version", FORMAT_VERSION);
    root.put("forma_version", formaVersion);
    root.put("salt", Base64.getEncoder().encodeToString(salt));
    if (backend != null) {
      ObjectNode b = root.putObject("backend");
      b.put("type", backend.type());
      b.put("config_fingerprint", backend.configFingerprint());
      b.put("workspace", backend.workspace());
    }
    ObjectNode p = root.putObject("plan");
    p.put("mode", plan.mode().name());
    p.put("complete", plan.complete());
    p.put("timestamp", plan.timestamp().toString());
    p.put("refresh", refresh);
    ArrayNode t = p.putArray("targets");
    targets.forEach(t::add);
    ArrayNode r = p.putArray("replace");
    replace.forEach(r::add);
    ObjectNode vars = p.putObject("variables");
    plan.variables().forEach((k, v) -> vars.set(k, ValueCodec.encode(v, salt)));
    ArrayNode changes = p.putArray("resource_changes");
    plan.changes().forEach(c -> changes.add(change(c)));
    ArrayNode drift = p.putArray("resource_drift");
    plan.drift().forEach(c -> drift.add(change(c)));
    if (!plan.moves().isEmpty()) {
      ArrayNode moves = p.putArray("moves");
      plan.moves()
          .forEach(
              m -> moves.addObject().put("from", m.from().toString()).put("to", m.to().toString()));
    }
    ArrayNode outputs = p.putArray("output_changes");
    for (OutputChange o : plan.outputs()) {
      ObjectNode on = outputs.addObject();
      on.put("name", o.name());
      on.put("action", o.action().name());
      on.put("sensitive", o.sensitive());
      on.set("before", ValueCodec.encode(sensitiveIf(o.before(), o.sensitive()), salt));
      on.set("after", ValueCodec.encode(sensitiveIf(o.after(), o.sensitive()), salt));
    }
    ObjectNode prior = root.putObject("prior_state");
    prior.put("serial", plan.priorSerial());
    prior.put("lineage", plan.priorLineage());
    prior.set("state", redactedState(priorState, stateProgramVersion));
    ObjectNode config = root.putObject("configuration");
    ObjectNode files = config.putObject("files");
    configuration.forEach(files::put);
    if (!moduleDigests.isEmpty()) {
      ObjectNode modules = config.putObject("module_digests");
      moduleDigests.forEach(modules::put);
    }
    ArrayNode args = root.putArray("variable_args");
    for (VariableArg a : variableArgs) {
      switch (a) {
        case VariableArg.Var v -> args.addObject().put("var", v.assignment());
        case VariableArg.VarFile f -> args.addObject().put("var_file", f.path());
      }
    }
    return root;
  }

  private static Value sensitiveIf(Value v, boolean sensitive) {
    return v == null || !sensitive ? v : v.markSensitive();
  }

  private ObjectNode change(ResourceChange c) {
    ObjectNode n = ValueCodec.F.objectNode();
    n.put("address", c.address().toString());
    if (c.deposedKey() != null) {
      n.put("deposed", c.deposedKey());
    }
    n.put("provider", c.provider().toString());
    n.put("action", c.action().name());
    n.put("reason", c.reason().name());
    n.set("before", ValueCodec.encode(c.before(), salt));
    n.set("after", ValueCodec.encode(c.after(), salt));
    ArrayNode rp = n.putArray("replace_paths");
    for (List<PathStep> path : c.replacePaths()) {
      ArrayNode steps = rp.addArray();
      for (PathStep s : path) {
        switch (s) {
          case PathStep.Attr a -> steps.addObject().put("attr", a.name());
          case PathStep.Index i -> steps.addObject().set("index", ValueCodec.encode(i.key(), salt));
        }
      }
    }
    if (c.importId() != null) {
      n.put("import_id", c.importId());
    }
    ArrayNode deps = n.putArray("dependencies");
    c.dependencies().forEach(d -> deps.add(d.toString()));
    n.put("create_before_destroy", c.createBeforeDestroy());
    if (c.priorPrivate() != null) {
      n.put("prior_private", c.priorPrivate());
    }
    if (c.plannedPrivate() != null) {
      n.put("planned_private", c.plannedPrivate());
    }
    if (c.repair() != null) {
      n.put("repair", c.repair());
    }
    return n;
  }

  /**
   * The state as its JSON file would hold it, with the values of sensitive attributes (the whole
   * top-level attribute a sensitive path starts at) and of sensitive outputs replaced by their
   * fingerprints.
   */
  private JsonNode redactedState(State state, String programVersion) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(new StateCodec(programVersion).write(state));
    } catch (IOException e) {
      throw new IllegalStateException("the state codec wrote JSON that cannot be read", e);
    }
    if (tree.get("outputs") instanceof ObjectNode outs) {
      for (Iterator<Map.Entry<String, JsonNode>> it = outs.fields(); it.hasNext(); ) {
        if (it.next().getValue() instanceof ObjectNode o && o.path("sensitive").asBoolean()) {
          o.put("value", fingerprintJson(o.get("value")));
        }
      }
    }
    for (JsonNode res : tree.path("resources")) {
      for (JsonNode inst : res.path("instances")) {
        if (!(inst.get("attributes") instanceof ObjectNode attrs)) {
          continue;
        }
        for (JsonNode path : inst.path("sensitive_attributes")) {
          JsonNode first = path.path(0);
          String name = first.path("value").asText(null);
          if ("get_attr".equals(first.path("type").asText()) && name != null && attrs.has(name)) {
            attrs.put(name, fingerprintJson(attrs.get(name)));
          }
        }
      }
    }
    return tree;
  }

  private String fingerprintJson(JsonNode node) {
    return node != null && node.isTextual() && node.textValue().startsWith("fp1:")
        ? node.textValue()
        : SchemaValues.fingerprint(Value.of(node == null ? "null" : node.toString()), salt);
  }

  // ------------------------------------------------------------------ reading

  /**
   * Reads the plan file at {@code path}; errors (Terraform's "Failed to load the given plan file")
   * when it cannot be read or is not a Forma plan file of a known format version.
   */
  public static Result<PlanFile> read(Path path, String stateProgramVersion) {
    return read(path, stateProgramVersion, StateEncryption.NONE);
  }

  /**
   * As {@link #read(Path, String)}, decrypting the file with {@code encryption} (the plan
   * encryption); a file it cannot decrypt, or an unencrypted one it refuses, is an error that says
   * why.
   */
  public static Result<PlanFile> read(
      Path path, String stateProgramVersion, StateEncryption encryption) {
    Diagnostics d = new Diagnostics();
    JsonNode root;
    try {
      byte[] stored = Files.readAllBytes(path);
      root = MAPPER.readTree(encryption.decrypt(stored, path.toString()));
    } catch (StateException e) {
      for (dev.forma.state.StateProblem p : e.problems()) {
        d.add(Diagnostic.error(p.summary(), p.detail()));
      }
      return new Result<>(null, d);
    } catch (NoSuchFileException e) {
      d.add(failed("The file " + path + " does not exist."));
      return new Result<>(null, d);
    } catch (IOException e) {
      d.add(failed("The file " + path + " is not a Forma plan file: " + e.getMessage()));
      return new Result<>(null, d);
    }
    if (root == null || !FORMAT.equals(root.path("format").asText())) {
      d.add(failed("The file " + path + " is not a Forma plan file."));
      return new Result<>(null, d);
    }
    int version = root.path("format_version").asInt(-1);
    if (version != FORMAT_VERSION) {
      d.add(
          failed(
              "The plan file "
                  + path
                  + " has format version "
                  + version
                  + ", which this version of Forma ("
                  + stateProgramVersion
                  + ") cannot read. It was written by Forma "
                  + root.path("forma_version").asText("(unknown)")
                  + "."));
      return new Result<>(null, d);
    }
    try {
      return new Result<>(fromJson(root, stateProgramVersion, path), d);
    } catch (ValueCodec.BadValue | StateException | RuntimeException e) {
      d.add(failed("The plan file " + path + " is damaged: " + e.getMessage()));
      return new Result<>(null, d);
    }
  }

  private static Diagnostic failed(String detail) {
    return Diagnostic.error("Failed to load the given plan file", detail);
  }

  private static PlanFile fromJson(JsonNode root, String programVersion, Path path)
      throws ValueCodec.BadValue, StateException {
    byte[] salt = Base64.getDecoder().decode(root.path("salt").asText());
    JsonNode p = root.path("plan");
    Map<String, Value> vars = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = p.path("variables").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      vars.put(e.getKey(), ValueCodec.decode(e.getValue()));
    }
    List<ResourceChange> changes = new ArrayList<>();
    for (JsonNode c : p.path("resource_changes")) {
      changes.add(change(c));
    }
    List<ResourceChange> drift = new ArrayList<>();
    for (JsonNode c : p.path("resource_drift")) {
      drift.add(change(c));
    }
    List<MovedObject> moves = new ArrayList<>();
    for (JsonNode m : p.path("moves")) {
      moves.add(new MovedObject(parse(m.path("from").asText()), parse(m.path("to").asText())));
    }
    List<OutputChange> outputs = new ArrayList<>();
    for (JsonNode o : p.path("output_changes")) {
      outputs.add(
          new OutputChange(
              o.path("name").asText(),
              Action.valueOf(o.path("action").asText()),
              ValueCodec.decode(o.get("before")),
              ValueCodec.decode(o.get("after")),
              o.path("sensitive").asBoolean()));
    }
    JsonNode prior = root.path("prior_state");
    Plan plan =
        new Plan(
            Plan.Mode.valueOf(p.path("mode").asText()),
            changes,
            drift,
            outputs,
            vars,
            prior.path("serial").asLong(),
            prior.path("lineage").asText(),
            Instant.parse(p.path("timestamp").asText()),
            p.path("complete").asBoolean(),
            null,
            moves);
    State state =
        new StateCodec(programVersion)
            .read(
                GoJson.indented(prior.path("state")).getBytes(StandardCharsets.UTF_8),
                path + " (prior state)");
    Map<String, String> files = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it =
            root.path("configuration").path("files").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      files.put(e.getKey(), e.getValue().asText());
    }
    Map<String, String> modules = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it =
            root.path("configuration").path("module_digests").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      modules.put(e.getKey(), e.getValue().asText());
    }
    List<VariableArg> args = new ArrayList<>();
    for (JsonNode a : root.path("variable_args")) {
      if (a.has("var")) {
        args.add(new VariableArg.Var(a.get("var").asText()));
      } else {
        args.add(new VariableArg.VarFile(a.path("var_file").asText()));
      }
    }
    List<String> targets = new ArrayList<>();
    p.path("targets").forEach(t -> targets.add(t.asText()));
    List<String> replace = new ArrayList<>();
    p.path("replace").forEach(t -> replace.add(t.asText()));
    JsonNode b = root.path("backend");
    Backend backend =
        b.path("type").isTextual()
                && b.path("config_fingerprint").isTextual()
                && b.path("workspace").isTextual()
            ? new Backend(
                b.get("type").asText(),
                b.get("config_fingerprint").asText(),
                b.get("workspace").asText())
            : null;
    return new PlanFile(
        root.path("forma_version").asText(),
        plan,
        p.path("refresh").asBoolean(true),
        targets,
        replace,
        state,
        files,
        modules,
        args,
        salt,
        backend);
  }

  private static ResourceChange change(JsonNode n) throws ValueCodec.BadValue {
    List<List<PathStep>> replacePaths = new ArrayList<>();
    for (JsonNode path : n.path("replace_paths")) {
      List<PathStep> steps = new ArrayList<>();
      for (JsonNode s : path) {
        steps.add(
            s.has("attr")
                ? new PathStep.Attr(s.get("attr").asText())
                : new PathStep.Index(ValueCodec.decode(s.get("index"))));
      }
      replacePaths.add(steps);
    }
    List<ResourceAddress> deps = new ArrayList<>();
    for (JsonNode x : n.path("dependencies")) {
      Result<ResourceAddress> dep = ResourceAddress.parse(x.asText());
      if (dep.value() == null) {
        throw new ValueCodec.BadValue("bad dependency address " + x);
      }
      deps.add(dep.value());
    }
    ResourceInstanceAddress address = parse(n.path("address").asText());
    ProviderConfigAddress provider =
        ProviderConfigAddress.parse(n.path("provider").asText()).value();
    if (provider == null) {
      throw new ValueCodec.BadValue("bad provider address " + n.path("provider"));
    }
    return new ResourceChange(
        address,
        n.hasNonNull("deposed") ? n.get("deposed").asText() : null,
        provider,
        Action.valueOf(n.path("action").asText()),
        ActionReason.valueOf(n.path("reason").asText()),
        ValueCodec.decode(n.get("before")),
        ValueCodec.decode(n.get("after")),
        replacePaths,
        n.hasNonNull("import_id") ? n.get("import_id").asText() : null,
        deps,
        n.path("create_before_destroy").asBoolean(),
        n.hasNonNull("prior_private") ? n.get("prior_private").asText() : null,
        n.hasNonNull("planned_private") ? n.get("planned_private").asText() : null,
        n.hasNonNull("repair") ? n.get("repair").asText() : null);
  }

  private static ResourceInstanceAddress parse(String text) throws ValueCodec.BadValue {
    Result<ResourceInstanceAddress> r = ResourceInstanceAddress.parse(text);
    if (r.hasErrors() || r.value() == null) {
      throw new ValueCodec.BadValue("bad resource address " + text);
    }
    return r.value();
  }
}
