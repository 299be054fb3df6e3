package dev.forma.cli;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ModuleInstance;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.statebridge.StateAddresses;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Diagnostics;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.InstanceAddress;
import dev.forma.state.InstanceObject;
import dev.forma.state.ResourceInstance;
import dev.forma.state.ResourceState;
import dev.forma.state.State;
import dev.forma.state.StateException;
import dev.forma.state.backend.LockInfo;
import dev.forma.state.codec.StateCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code forma state <subcommand>}: advanced state management, as Terraform's. */
@Command(
    name = "state",
    header = "Advanced state management",
    description = {
      "The state subcommands read and change the state directly: list and show what it holds, move or remove instances, pull a copy of it or push one back. Those that change the state keep the previous one in the backup file (terraform.tfstate.backup) first.",
      "Their output is plain text, one item per line, for grep, awk and other Unix tools."
    },
    subcommands = {
      StateCommand.ListCommand.class,
      StateCommand.RmCommand.class,
      StateCommand.MvCommand.class,
      StateCommand.PullCommand.class,
      StateCommand.PushCommand.class,
      StateShowCommand.class,
    })
public final class StateCommand implements Callable<Integer> {
  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public StateCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Spec CommandSpec spec;

  /** Without a subcommand: the help (on standard output) and exit code 1, as Terraform's. */
  @Override
  public Integer call() {
    terminal.out().print(Help.render(spec));
    return ExitCodes.ERROR;
  }

  /**
   * Every instance in the state, in Terraform's order: by module instance (the root module first,
   * then shorter paths, then call by call, as {@link ModuleInstance} sorts), then as the state file
   * sorts resources within a module.
   */
  static List<InstanceAddress> instances(State s) {
    java.util.TreeMap<ModuleInstance, List<InstanceAddress>> byModule = new java.util.TreeMap<>();
    List<InstanceAddress> unreadable = new ArrayList<>();
    for (ResourceState r : s.resources().values()) {
      ModuleInstance m = ModuleInstance.parse(r.address().module()).value();
      List<InstanceAddress> into =
          m == null ? unreadable : byModule.computeIfAbsent(m, k -> new ArrayList<>());
      for (ResourceInstance i : r.instances().values()) {
        into.add(r.address().instance(i.key()));
      }
    }
    List<InstanceAddress> out = new ArrayList<>();
    byModule.values().forEach(out::addAll);
    out.addAll(unreadable);
    return out;
  }

  /**
   * The instances an address the user gave matches: one instance ({@code a.b[0]}), every instance
   * of a resource ({@code a.b}, {@code module.m[0].a.b}), or everything in a module ({@code
   * module.m[0]}; {@code module.m} without a key: in every instance of it, as Terraform matches).
   * The address is parsed, so a malformed one is an error.
   */
  static List<InstanceAddress> matching(State s, String given, Diagnostics diags) {
    return matching(instances(s), given, diags);
  }

  /** As {@link #matching(State, String, Diagnostics)}, among {@code candidates}. */
  static List<InstanceAddress> matching(
      Collection<InstanceAddress> candidates, String given, Diagnostics diags) {
    Result<ResourceInstanceAddress> parsed = ResourceInstanceAddress.parse(given);
    Result<ModuleInstance> module = ModuleInstance.parse(given);
    if (parsed.hasErrors() && !module.hasErrors() && !module.value().isRoot()) {
      List<InstanceAddress> out = new ArrayList<>();
      for (InstanceAddress a : candidates) {
        ModuleInstance in = ModuleInstance.parse(a.resource().module()).value();
        if (in != null && within(module.value(), in)) {
          out.add(a);
        }
      }
      return out;
    }
    if (parsed.hasErrors()) {
      diags.add(
          Diagnostic.error(
              "Invalid address",
              "\"" + given + "\" is not a resource address: " + firstDetail(parsed.diagnostics())));
      return List.of();
    }
    String wanted = parsed.value().toString();
    boolean wholeResource = !wanted.endsWith("]");
    List<InstanceAddress> out = new ArrayList<>();
    for (InstanceAddress a : candidates) {
      if (a.toString().equals(wanted)
          || (wholeResource && a.resource().toString().equals(wanted))) {
        out.add(a);
      }
    }
    return out;
  }

  /**
   * Whether {@code m} is {@code target} or inside it, a step of {@code target} without a key
   * standing for every instance of that call.
   */
  static boolean within(ModuleInstance target, ModuleInstance m) {
    if (m.steps().size() < target.steps().size()) {
      return false;
    }
    for (int i = 0; i < target.steps().size(); i++) {
      ModuleInstance.Step want = target.steps().get(i);
      ModuleInstance.Step got = m.steps().get(i);
      if (!want.name().equals(got.name())
          || !(want.key() instanceof InstanceKey.NoKey || want.key().equals(got.key()))) {
        return false;
      }
    }
    return true;
  }

  /** An address in double quotes, its own quotes escaped, as Terraform prints it. */
  static String quoted(Object address) {
    return "\"" + address.toString().replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private static String firstDetail(Diagnostics d) {
    return d.asList().isEmpty() ? "" : d.asList().getFirst().detail();
  }

  /** {@code forma state list [address...]} */
  @Command(
      name = "list",
      header = "List resources in the state",
      description = {
        "Lists the addresses of the resource instances in the state, one per line. Given addresses, it lists only the instances they match; an address that is not valid is an error."
      })
  public static final class ListCommand implements Callable<Integer> {
    @Mixin StateOptions state = new StateOptions();

    @Option(
        names = "-id",
        paramLabel = "ID",
        description =
            "Filters the results to include only instances whose resource types have an attribute named \"id\" whose value equals the given id string.")
    String id;

    @Parameters(paramLabel = "ADDRESS", arity = "0..*")
    List<String> addresses = new ArrayList<>();

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public ListCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, false)) {
        if (access == null) {
          return ExitCodes.ERROR;
        }
        State s = access.state();
        Diagnostics diags = new Diagnostics();
        List<InstanceAddress> shown = new ArrayList<>();
        if (addresses.isEmpty()) {
          shown.addAll(instances(s));
        } else {
          for (String a : addresses) {
            shown.addAll(matching(s, a, diags));
          }
        }
        terminal.printDiagnostics(diags, null);
        if (diags.hasErrors()) {
          return ExitCodes.ERROR;
        }
        for (InstanceAddress a : shown) {
          if (id != null) {
            InstanceObject o = s.currentObject(a).orElse(null);
            if (o == null
                || o.attributes().get("id") == null
                || !id.equals(o.attributes().get("id").asText())) {
              continue;
            }
          }
          terminal.out().println(a);
        }
        return ExitCodes.OK;
      }
    }
  }

  /**
   * {@code forma state rm address...}: forgets objects without destroying them. An address whose
   * create was interrupted (a pending create intent in the state journal) has its intent dropped:
   * the next plan no longer looks for an object that create may have made.
   */
  @Command(
      name = "rm",
      header = "Remove instances from the state",
      description = {
        "Removes instances from the state: Forma forgets them without destroying the remote objects. The address of a resource with count or for_each removes all of its instances. An address whose create was interrupted has that pending create dropped, so the next plan no longer looks for the object it may have made. List the addresses with \"forma state list\"."
      })
  public static final class RmCommand implements Callable<Integer> {
    @Mixin StateOptions state = new StateOptions();

    @Option(
        names = "-dry-run",
        description =
            "If set, prints out what would've been removed but doesn't actually remove anything.")
    boolean dryRun;

    @Parameters(paramLabel = "ADDRESS", arity = "1..*")
    List<String> addresses = new ArrayList<>();

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public RmCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, true)) {
        if (access == null) {
          return ExitCodes.ERROR;
        }
        State s = access.state();
        Collection<InstanceAddress> pending =
            access
                .loaded()
                .recovery()
                .map(r -> (Collection<InstanceAddress>) r.pendingIntents().keySet())
                .orElse(List.of());
        Diagnostics diags = new Diagnostics();
        Set<InstanceAddress> gone = new LinkedHashSet<>();
        Set<InstanceAddress> dropped = new TreeSet<>();
        for (String a : addresses) {
          List<InstanceAddress> m = matching(s, a, diags);
          List<InstanceAddress> p =
              diags.hasErrors() ? List.of() : matching(pending, a, new Diagnostics());
          if (m.isEmpty() && p.isEmpty() && !diags.hasErrors()) {
            diags.add(
                Diagnostic.error(
                    "Invalid target address",
                    "No matching objects found. To view the available instances, use \"forma"
                        + " state list\". Please modify the address to reference a specific"
                        + " instance."));
          }
          gone.addAll(m);
          dropped.addAll(p);
        }
        if (diags.hasErrors()) {
          terminal.printDiagnostics(diags, null);
          return ExitCodes.ERROR;
        }
        State.Builder b = s.toBuilder();
        for (InstanceAddress a : gone) {
          terminal.out().println((dryRun ? "Would remove " : "Removed ") + a);
          b.removeCurrent(a);
        }
        for (InstanceAddress a : dropped) {
          terminal
              .out()
              .println((dryRun ? "Would drop " : "Dropped ") + "the pending create of " + a);
        }
        if (dryRun) {
          if (!gone.isEmpty() || dropped.isEmpty()) {
            terminal.out().println("Would have removed " + gone.size() + " resource instance(s).");
          }
          if (!dropped.isEmpty()) {
            terminal.out().println("Would have dropped " + dropped.size() + " pending create(s).");
          }
          return ExitCodes.OK;
        }
        if (!access.write(b.build(), dropped)) {
          return ExitCodes.ERROR;
        }
        if (!gone.isEmpty() || dropped.isEmpty()) {
          terminal.out().println("Successfully removed " + gone.size() + " resource instance(s).");
        }
        if (!dropped.isEmpty()) {
          terminal
              .out()
              .println(
                  "Successfully dropped "
                      + dropped.size()
                      + " pending create(s): Forma no longer looks for objects they may have"
                      + " made.");
        }
        return ExitCodes.OK;
      }
    }
  }

  /** {@code forma state mv SOURCE DESTINATION}: renames an object in the state. */
  @Command(
      name = "mv",
      header = "Move an item in the state",
      description = {
        "Moves the object at the SOURCE address of the state to the DESTINATION address, without touching the remote object: after renaming a resource block, it keeps Forma from destroying the object and creating it again."
      })
  public static final class MvCommand implements Callable<Integer> {
    @Mixin StateOptions state = new StateOptions();

    @Option(
        names = "-dry-run",
        description =
            "If set, prints out what would've been moved but doesn't actually move anything.")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "1", paramLabel = "DESTINATION")
    String destination;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public MvCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, true)) {
        if (access == null) {
          return ExitCodes.ERROR;
        }
        State s = access.state();
        Result<ModuleInstance> sourceModule = ModuleInstance.parse(source);
        if (!sourceModule.hasErrors() && !sourceModule.value().isRoot()) {
          return moveModule(access, sourceModule.value());
        }
        Diagnostics diags = new Diagnostics();
        List<InstanceAddress> from = matching(s, source, diags);
        Result<ResourceInstanceAddress> to = ResourceInstanceAddress.parse(destination);
        if (!diags.hasErrors() && from.isEmpty()) {
          diags.add(
              Diagnostic.error(
                  "Invalid source address",
                  "Cannot move " + source + ": does not match anything in the current state."));
        }
        if (to.hasErrors()) {
          Result<ModuleInstance> toModule = ModuleInstance.parse(destination);
          diags.add(
              Diagnostic.error(
                  "Invalid target address",
                  toModule.hasErrors()
                      ? "\"" + destination + "\" is not a resource address."
                      : "Cannot move "
                          + source
                          + " to "
                          + destination
                          + ": the target must also be a resource instance."));
        }
        if (diags.hasErrors()) {
          printErrors(diags);
          return ExitCodes.ERROR;
        }
        boolean instanceTarget = destination.trim().endsWith("]");
        if (from.size() > 1 && instanceTarget) {
          printErrors(
              Diagnostics.of(
                  Diagnostic.error(
                      "Invalid target address",
                      "Cannot move "
                          + from.size()
                          + " instances of "
                          + source
                          + " to the single instance "
                          + destination
                          + ".")));
          return ExitCodes.ERROR;
        }
        State.Builder b = s.toBuilder();
        int moved = 0;
        for (InstanceAddress a : from) {
          InstanceAddress target = target(a, to.value(), instanceTarget);
          if (s.instance(target).isPresent()) {
            printErrors(
                Diagnostics.of(
                    Diagnostic.error(
                        "Invalid target address",
                        "Cannot move to "
                            + target
                            + ": there is already a resource instance at"
                            + " that address in the current state.")));
            return ExitCodes.ERROR;
          }
          terminal
              .out()
              .println((dryRun ? "Would move " : "Move ") + quoted(a) + " to " + quoted(target));
          InstanceObject obj = s.currentObject(a).orElse(null);
          String provider = s.resource(a.resource()).map(ResourceState::provider).orElse("");
          b.removeCurrent(a);
          if (obj != null) {
            b.setCurrent(target, provider, obj);
          }
          moved++;
        }
        return finish(access, b, moved);
      }
    }

    /** Writes the moves of {@code b} (unless a dry run) and says how many objects moved. */
    private int finish(StateAccess access, State.Builder b, int moved) {
      if (dryRun) {
        return ExitCodes.OK; // Terraform says only what would move
      }
      if (!access.write(b.build())) {
        return ExitCodes.ERROR;
      }
      terminal.out().println("Successfully moved " + moved + " object(s).");
      return ExitCodes.OK;
    }

    /** Errors as Terraform's {@code state mv} prints them: each followed by a blank line. */
    private void printErrors(Diagnostics diags) {
      terminal.printDiagnostics(diags, null);
      terminal.err().println();
    }

    /**
     * Moves module instance {@code from} (with the modules it calls) to the destination module
     * instance, as Terraform does: every resource the state has in it or below it keeps its place
     * relative to the module; each module instance moved is one object ({@code Move
     * "module.a.module.n" to "module.b.module.n"}). The destination must not be in the state yet.
     */
    private int moveModule(StateAccess access, ModuleInstance from) {
      State s = access.state();
      Result<ModuleInstance> to = ModuleInstance.parse(destination);
      if (to.hasErrors() || to.value().isRoot()) {
        printErrors(
            Diagnostics.of(
                Diagnostic.error(
                    "Invalid target address",
                    "Cannot move "
                        + source
                        + " to "
                        + destination
                        + ": the target must also be a module.")));
        return ExitCodes.ERROR;
      }
      java.util.TreeMap<ModuleInstance, List<InstanceAddress>> moving = new java.util.TreeMap<>();
      boolean destinationTaken = false;
      for (InstanceAddress a : instances(s)) {
        ModuleInstance m = ModuleInstance.parse(a.resource().module()).value();
        if (m == null) {
          continue;
        }
        destinationTaken |= m.equals(to.value());
        if (from.contains(m)) {
          moving.computeIfAbsent(m, k -> new ArrayList<>()).add(a);
        }
      }
      if (moving.isEmpty()) {
        printErrors(
            Diagnostics.of(
                Diagnostic.error(
                    "Invalid source address",
                    "Cannot move " + source + ": does not match anything in the current state.")));
        return ExitCodes.ERROR;
      }
      if (destinationTaken) {
        String text =
            "Error moving state: destination module already exists\n\n"
                + "Please ensure your addresses and state paths are valid. No\n"
                + "state was persisted. Your existing states are untouched.";
        terminal
            .err()
            .println(terminal.color() ? "\u001b[31m" + text + "\u001b[0m\u001b[0m" : text);
        return ExitCodes.ERROR;
      }
      State.Builder b = s.toBuilder();
      for (var e : moving.entrySet()) {
        ModuleInstance target = to.value();
        for (ModuleInstance.Step step :
            e.getKey().steps().subList(from.steps().size(), e.getKey().steps().size())) {
          target = target.child(step.name(), step.key());
        }
        terminal
            .out()
            .println(
                (dryRun ? "Would move " : "Move ") + quoted(e.getKey()) + " to " + quoted(target));
        for (InstanceAddress a : e.getValue()) {
          ResourceInstanceAddress was = StateAddresses.fromState(a);
          b.apply(
              new dev.forma.state.StateChange.Move(
                  a,
                  StateAddresses.toState(was.resource().local().in(target).instance(was.key()))));
        }
      }
      return finish(access, b, moving.size());
    }

    private static InstanceAddress target(
        InstanceAddress from, ResourceInstanceAddress to, boolean instanceTarget) {
      dev.forma.state.ResourceAddress ra =
          dev.forma.engine.statebridge.StateAddresses.toState(to.resource());
      if (!instanceTarget) {
        return ra.instance(from.key());
      }
      return ra.instance(
          switch (to.key()) {
            case dev.forma.engine.addrs.InstanceKey.NoKey n -> dev.forma.state.IndexKey.NONE;
            case dev.forma.engine.addrs.InstanceKey.IntKey i ->
                dev.forma.state.IndexKey.of(i.value());
            case dev.forma.engine.addrs.InstanceKey.StringKey k ->
                dev.forma.state.IndexKey.of(k.value());
          });
    }
  }

  /** {@code forma state pull}: prints the state as JSON. */
  @Command(
      name = "pull",
      header = "Pull current state and output to stdout",
      description = {
        "Prints the current state, in Terraform's JSON state format (version 4), to standard output."
      })
  public static final class PullCommand implements Callable<Integer> {
    @Mixin StateOptions state = new StateOptions();

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public PullCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, false)) {
        if (access == null) {
          return ExitCodes.ERROR;
        }
        State s = access.state();
        if (s.isEmpty() && s.serial() == 0) {
          return ExitCodes.OK;
        }
        terminal
            .out()
            .print(new String(new StateCodec(Main.VERSION).write(s), StandardCharsets.UTF_8));
        return ExitCodes.OK;
      }
    }
  }

  /** {@code forma state push PATH}: replaces the state with a local file's. */
  @Command(
      name = "push",
      header = "Update remote state from a local state file",
      description = {
        "Replaces the current state with the state file at PATH. It refuses a state of another lineage, or an older serial than the current state's, unless -force is given."
      })
  public static final class PushCommand implements Callable<Integer> {
    @Mixin StateOptions state = new StateOptions();

    @Option(
        names = "-force",
        description =
            "Write the state even if lineages don't match or the remote serial is higher.")
    boolean force;

    @Parameters(index = "0", paramLabel = "PATH")
    String path;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public PushCommand(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() {
      State incoming;
      Path file = terminal.workingDirectory().resolve(path);
      try {
        incoming = new StateCodec(Main.VERSION).read(Files.readAllBytes(file), path);
      } catch (IOException e) {
        terminal.printDiagnostics(
            Diagnostics.of(
                Diagnostic.error(
                    "Failed to read state file", "Cannot read " + path + ": " + e.getMessage())),
            null);
        return ExitCodes.ERROR;
      } catch (StateException e) {
        StateAccess.printProblems(terminal, e);
        return ExitCodes.ERROR;
      }
      try (StateAccess access = StateAccess.open(terminal, state, LockInfo.OTHER, true)) {
        if (access == null) {
          return ExitCodes.ERROR;
        }
        State current = access.state();
        if (!force && !current.isEmpty()) {
          if (!current.lineage().equals(incoming.lineage())) {
            terminal.printDiagnostics(
                Diagnostics.of(
                    Diagnostic.error(
                        "Failed to write state",
                        "cannot import state with lineage \""
                            + incoming.lineage()
                            + "\" over unrelated state with lineage \""
                            + current.lineage()
                            + "\"")),
                null);
            return ExitCodes.ERROR;
          }
          if (current.serial() > incoming.serial()) {
            terminal.printDiagnostics(
                Diagnostics.of(
                    Diagnostic.error(
                        "Failed to write state",
                        "cannot import state with serial "
                            + incoming.serial()
                            + " over newer state with serial "
                            + current.serial())),
                null);
            return ExitCodes.ERROR;
          }
        }
        return access.write(incoming) ? ExitCodes.OK : ExitCodes.ERROR;
      }
    }
  }
}
