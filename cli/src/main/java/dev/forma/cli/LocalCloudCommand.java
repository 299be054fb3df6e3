package dev.forma.cli;

import dev.forma.emulator.LocalCloud;
import dev.forma.emulator.LocalCloudOptions;
import dev.forma.emulator.api.CloudSettings;
import dev.forma.emulator.fault.FaultConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code forma local-cloud serve}: runs the local cloud (module {@code emulator}) in the foreground
 * on 127.0.0.1, printing its URL and the credentials to use, until interrupted or stopped with
 * {@code POST <url>/_emulator/shutdown}.
 */
@Command(
    name = "local-cloud",
    header = "Run the local stand-in for the cloud APIs (no account needed)",
    description = {
      "The local cloud serves the Alibaba Cloud APIs that Forma uses on 127.0.0.1, over real HTTP, with the cloud's rules, signature checks and optional faults, so that the examples and tests need no cloud account.",
      "A provider block with endpoint = \"local\" starts one inside each Forma command; \"forma local-cloud serve\" runs one on its own for many commands (set FORMA_ALICLOUD_LOCAL_URL to the URL it prints)."
    },
    subcommands = {LocalCloudCommand.Serve.class},
    synopsisSubcommandLabel = "<subcommand>")
public final class LocalCloudCommand implements Callable<Integer> {
  @Mixin HelpOption help = new HelpOption();

  private final Terminal terminal;

  public LocalCloudCommand(Terminal terminal) {
    this.terminal = terminal;
  }

  @Spec CommandSpec spec;

  /** Without a subcommand: the help (on standard output) and exit code 1, as Terraform's. */
  @Override
  public Integer call() {
    terminal.out().print(Help.render(spec));
    return ExitCodes.ERROR;
  }

  /** {@code forma local-cloud serve -port=N -data=FILE}. */
  @Command(
      name = "serve",
      header = "Serve the local cloud until interrupted",
      description = {
        "Runs the local cloud in the foreground on 127.0.0.1 and prints its URL and credentials. Its objects are kept in the -data file. Stop it with Ctrl-C, or with POST <url>/_emulator/shutdown."
      },
      sortOptions = false)
  public static final class Serve implements Callable<Integer> {
    @Option(
        names = "-port",
        paramLabel = "N",
        description = "TCP port on 127.0.0.1 (0: any free port). Default: 0.")
    int port;

    @Option(
        names = "-data",
        paramLabel = "FILE",
        description = "JSON file the cloud's objects live in. Default: .forma/local-cloud.json.")
    Path data = Path.of(".forma", "local-cloud.json");

    @Option(
        names = "-region",
        paramLabel = "ID",
        description = "Region the cloud reports. Default: cn-hangzhou.")
    String region = LocalCloud.DEFAULT_REGION;

    @Option(
        names = "-access-key",
        paramLabel = "ID:SECRET",
        description =
            "Accept only this key pair (repeatable). Default: any key id with the local secret.")
    List<String> keyPairs = List.of();

    @Option(
        names = "-workspace-ready-delay",
        paramLabel = "MS",
        description = "INITIALIZING time of a workspace.")
    long workspaceDelay = CloudSettings.DEFAULT.workspaceReadyDelayMillis();

    @Option(
        names = "-service-ready-delay",
        paramLabel = "MS",
        description = "Creating/Updating time of an EAS service.")
    long serviceDelay = CloudSettings.DEFAULT.serviceReadyDelayMillis();

    @Option(
        names = "-fail-service-spec",
        paramLabel = "SPEC",
        description = "EAS services of this spec end Failed (repeatable).")
    Set<String> failSpecs = new HashSet<>();

    @Option(names = "-latency", paramLabel = "MS", description = "Latency added to every API call.")
    long latency;

    @Option(
        names = "-throttle-rate",
        paramLabel = "R",
        description = "Share of API calls refused with Throttling.User (0-1).")
    double throttleRate;

    @Option(
        names = "-error-rate",
        paramLabel = "R",
        description = "Share of API calls refused with 503 ServiceUnavailable.")
    double errorRate;

    @Option(
        names = "-lost-rate",
        paramLabel = "R",
        description = "Share of API calls run but never answered.")
    double lostRate;

    @Option(
        names = "-seed",
        paramLabel = "N",
        description = "Seed of the fault sequence. Default: 1.")
    long seed = 1;

    @Option(
        names = "-check-nonce",
        arity = "0..1",
        fallbackValue = "true",
        paramLabel = "BOOL",
        description = "Refuse a reused x-acs-signature-nonce, as the cloud does. Default: true.")
    boolean checkNonce = true;

    @Mixin HelpOption help = new HelpOption();

    private final Terminal terminal;

    public Serve(Terminal terminal) {
      this.terminal = terminal;
    }

    @Override
    public Integer call() throws InterruptedException {
      LocalCloudOptions options;
      try {
        Map<String, String> pairs = new java.util.LinkedHashMap<>();
        for (String p : keyPairs) {
          int colon = p.indexOf(':');
          if (colon <= 0 || colon == p.length() - 1) {
            throw new IllegalArgumentException("-access-key must be ID:SECRET");
          }
          pairs.put(p.substring(0, colon), p.substring(colon + 1));
        }
        options =
            LocalCloudOptions.of(terminal.workingDirectory().resolve(data), port)
                .withRegion(region)
                .withKeyPairs(pairs)
                .withSettings(new CloudSettings(workspaceDelay, serviceDelay, failSpecs, Set.of()))
                .withFaults(
                    new FaultConfig(latency, throttleRate, errorRate, lostRate, seed, Set.of()))
                .withCheckNonce(checkNonce);
      } catch (IllegalArgumentException e) {
        terminal.err().println("\nError: Invalid local cloud option\n\n" + e.getMessage());
        return ExitCodes.ERROR;
      }
      LocalCloud cloud;
      try {
        cloud = LocalCloud.start(options);
      } catch (IOException e) {
        terminal.err().println("\nError: Failed to start the local cloud\n\n" + e.getMessage());
        return ExitCodes.ERROR;
      }
      Thread hook = new Thread(cloud::close);
      Runtime.getRuntime().addShutdownHook(hook);
      var out = terminal.out();
      out.println("Forma local cloud listening on " + cloud.url());
      out.println("  data file:         " + cloud.dataFile());
      out.println("  region:            " + cloud.region());
      if (cloud.acceptsAnyKeyId()) {
        out.println(
            "  access key id:     " + LocalCloud.DEFAULT_ACCESS_KEY_ID + " (any id is accepted)");
        out.println("  access key secret: " + LocalCloud.DEFAULT_ACCESS_KEY_SECRET);
      } else {
        out.println("  access keys:       " + String.join(", ", options.keyPairs().keySet()));
      }
      out.println("  chat endpoint:     " + cloud.chatUrl());
      out.println("  admin:             " + cloud.url() + "/_emulator/objects");
      out.println("Stop with Ctrl-C or POST " + cloud.url() + "/_emulator/shutdown");
      out.flush();
      cloud.awaitClose();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook closes the cloud
      }
      return ExitCodes.OK;
    }
  }
}
