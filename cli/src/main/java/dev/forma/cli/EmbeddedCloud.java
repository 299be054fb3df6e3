package dev.forma.cli;

import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
import dev.forma.engine.config.Module;
import dev.forma.engine.config.ProviderConfig;
import dev.forma.engine.eval.EvalContext;
import dev.forma.engine.eval.Evaluator;
import dev.forma.engine.functions.StandardFunctions;
import dev.forma.engine.hcl.Attribute;
import dev.forma.engine.providers.Providers;
import dev.forma.provider.api.LocalEndpoint;
import dev.forma.provider.api.ProviderFactory;
import dev.forma.provider.api.diag.Result;
import dev.forma.provider.api.value.StringValue;
import dev.forma.provider.api.value.Value;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The local cloud a command runs embedded, when a provider block asks for it (an {@code alicloud}
 * block says {@code endpoint = "local"}: the provider's {@link LocalEndpoint} capability decides):
 * started on a free port of 127.0.0.1 before the providers are configured, its objects kept in
 * {@code .forma/local-cloud.json} of the working directory (so they outlive the command, as a
 * cloud's would), announced in one line, and stopped when the command ends.
 *
 * <p>When the provider's environment already names a local cloud ({@code FORMA_ALICLOUD_LOCAL_URL}
 * or {@code -Dforma.alicloud.local.url} for alicloud), as {@code forma local-cloud serve} prints,
 * that one is used and nothing is started. The provider signs its local-mode requests with the
 * local cloud's default key ({@link LocalCloud#DEFAULT_ACCESS_KEY_ID}), which any local cloud
 * accepts.
 *
 * <pre>{@code
 * try (EmbeddedCloud cloud = EmbeddedCloud.startIfNeeded(module, terminal)) {
 *   // configure providers, plan, apply
 * }
 * }</pre>
 */
public final class EmbeddedCloud implements AutoCloseable {
  /** Where the embedded cloud keeps its objects, relative to the working directory. */
  public static final Path DATA_FILE = Path.of(".forma", "local-cloud.json");

  /** The port the embedded cloud listened on last, relative to the working directory. */
  static final Path PORT_FILE = Path.of(".forma", "local-cloud.port");

  private static final EmbeddedCloud NONE = new EmbeddedCloud(null, null);

  private final LocalCloud cloud;
  private final LocalEndpoint provider;

  private EmbeddedCloud(LocalCloud cloud, LocalEndpoint provider) {
    this.cloud = cloud;
    this.provider = provider;
  }

  /**
   * Starts the embedded local cloud when {@code module} has an {@code alicloud} provider block with
   * {@code endpoint = "local"}, printing one line about it on standard output; otherwise does
   * nothing. Close the result when the command ends.
   */
  public static EmbeddedCloud startIfNeeded(Module module, Terminal terminal) {
    return startIfNeeded(module, terminal, terminal.out());
  }

  /**
   * {@link #startIfNeeded(Module, Terminal)}, printing the notice on {@code notice} (standard error
   * for commands whose standard output is JSON).
   */
  public static EmbeddedCloud startIfNeeded(Module module, Terminal terminal, PrintStream notice) {
    Local local = localProvider(module, terminal);
    if (local == null) {
      return NONE;
    }
    String given = local.capability().externalUrl(terminal.env());
    if (given != null) {
      notice.println("Using the local cloud at " + given + "; no Alibaba Cloud account is used.");
      notice.println();
      return NONE;
    }
    Path data = terminal.workingDirectory().resolve(DATA_FILE);
    Path portFile = terminal.workingDirectory().resolve(PORT_FILE);
    LocalCloudOptions options = LocalCloudOptions.of(data, 0);
    String region = local.region();
    if (!region.isEmpty()) {
      options = options.withRegion(region);
    }
    LocalCloud cloud;
    try {
      cloud = start(options, portFile);
    } catch (IOException e) {
      // the provider then reports that the local cloud is not running, at its endpoint argument
      terminal.err().println("\nError: Failed to start the local cloud\n\n" + e.getMessage());
      return NONE;
    }
    String url = cloud.url();
    local.capability().useLocalCloud(url);
    notice.println(
        "Using the local cloud (objects in "
            + displayPath(terminal.workingDirectory(), cloud.dataFile())
            + "); no Alibaba Cloud account is used.");
    notice.println();
    return new EmbeddedCloud(cloud, local.capability());
  }

  /**
   * Starts the cloud on the port it had last time when that port is free, else on any free port,
   * remembered in {@code portFile}: the URLs it hands out (an EAS service's endpoints) then stay
   * the same from one command to the next, so they are no change to plan.
   */
  private static LocalCloud start(LocalCloudOptions options, Path portFile) throws IOException {
    int last = 0;
    try {
      last = Integer.parseInt(Files.readString(portFile).trim());
    } catch (IOException | NumberFormatException e) {
      // first run, or a damaged file: any free port
    }
    LocalCloud cloud = null;
    if (last > 0 && last <= 65535) {
      try {
        cloud =
            LocalCloud.start(
                new LocalCloudOptions(
                    options.dataFile(),
                    last,
                    options.region(),
                    options.keyPairs(),
                    options.settings(),
                    options.faults(),
                    options.chat(),
                    options.chatBasePath(),
                    options.checkNonce()));
      } catch (BindException e) {
        // taken by another program since: pick another
      }
    }
    if (cloud == null) {
      cloud = LocalCloud.start(options);
    }
    if (cloud.port() != last) {
      Files.createDirectories(portFile.getParent());
      Files.writeString(portFile, cloud.port() + "\n");
    }
    return cloud;
  }

  /** True when a local cloud was started (false when none was needed or one was given). */
  public boolean started() {
    return cloud != null;
  }

  /** The started cloud's base URL; null when none was started. */
  public String url() {
    return cloud == null ? null : cloud.url();
  }

  /** Stops the cloud (its objects are already on disk) and forgets its URL. */
  @Override
  public void close() {
    if (cloud == null) {
      return;
    }
    provider.useLocalCloud(null);
    cloud.close();
  }

  /**
   * A provider block that asks for the local cloud: the block, its provider's capability and the
   * region it names ("" for none).
   */
  record Local(ProviderConfig block, LocalEndpoint capability, String region) {}

  /**
   * The first provider block of {@code module} that asks for the local cloud (its provider's {@link
   * LocalEndpoint} says so from the block's constant arguments); null when none does. The provider
   * is the run's own (a plugin's instance, when a plugin serves it), so that the URL it is given is
   * the one its resources use.
   */
  static Local localProvider(Module module, Terminal terminal) {
    Providers registry = null;
    for (ProviderConfig p : module.providers()) {
      if (registry == null) {
        registry = ProviderRequirements.registry(terminal);
      }
      ProviderFactory f = registry.factory(p.name());
      if (!(f instanceof LocalEndpoint capability)) {
        continue;
      }
      Map<String, String> literals = new HashMap<>();
      for (Attribute a : p.config().attributes()) {
        String v = literal(p, a.name());
        if (v != null) {
          literals.put(a.name(), v);
        }
      }
      String region = capability.localRegion(literals);
      if (region != null) {
        return new Local(p, capability, region);
      }
    }
    return null;
  }

  private static final EvalContext NO_VARIABLES =
      new EvalContext(Map.of(), StandardFunctions.INSTANCE, null);

  /** The argument's value when it is a constant string; null otherwise. */
  private static String literal(ProviderConfig p, String name) {
    Attribute a = p.config().attribute(name);
    if (a == null) {
      return null;
    }
    Result<Value> v = Evaluator.evaluate(a.expr(), NO_VARIABLES);
    if (v.hasErrors() || !(v.value().unmarkDeep() instanceof StringValue s)) {
      return null;
    }
    return s.value();
  }

  /**
   * The local cloud's base URL when {@code module} runs against it: the embedded one, or the one
   * the environment names; null otherwise.
   */
  static String localCloudUrl(Module module, Terminal terminal) {
    Local local = localProvider(module, terminal);
    if (local == null) {
      return null;
    }
    String registered = local.capability().localCloudUrl();
    return registered != null ? registered : local.capability().externalUrl(terminal.env());
  }

  private static String displayPath(Path workingDirectory, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(workingDirectory)
        ? workingDirectory.relativize(abs).toString()
        : abs.toString();
  }
}
