package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shell completion: what Forma answers when the shell runs it with {@code COMP_LINE}, and what
 * {@code -install-autocomplete} / {@code -uninstall-autocomplete} write into a (temporary) home's
 * start-up files, in Terraform's words.
 */
class CompletionTest {
  static final String LAUNCHER = "/opt/forma-0.1.0/bin/forma";

  @TempDir Path dir;
  @TempDir Path home;
  CliRun cli;
  String launcherBefore;

  @BeforeEach
  void setUp() {
    cli = new CliRun(dir);
    cli.env.put("HOME", home.toString());
    launcherBefore = System.getProperty("forma.launcher");
    System.setProperty("forma.launcher", LAUNCHER);
  }

  @AfterEach
  void restore() {
    if (launcherBefore == null) {
      System.clearProperty("forma.launcher");
    } else {
      System.setProperty("forma.launcher", launcherBefore);
    }
  }

  /** The words Forma offers for the line typed so far. */
  List<String> complete(String line) {
    cli.env.put("COMP_LINE", line);
    cli.env.remove("COMP_POINT");
    int code = cli.run("", "forma", "", "");
    assertEquals(0, code, cli.err());
    return cli.out().lines().toList();
  }

  @Test
  void theFirstWordIsACommand() {
    List<String> all = complete("forma ");
    assertTrue(
        all.containsAll(List.of("apply", "plan", "state", "workspace", "version")), "" + all);
    assertFalse(all.stream().anyMatch(w -> w.startsWith("-")), "flags offered unasked: " + all);
    assertEquals(List.of("plan", "providers"), complete("forma p"));
    assertEquals(List.of("plan"), complete("forma -chdir=somewhere pl"));
  }

  @Test
  void aCommandsFlagsWhenTheWordStartsWithADash() {
    List<String> flags = complete("forma apply -");
    assertTrue(
        flags.containsAll(List.of("-auto-approve", "-var", "-var-file", "-target")), "" + flags);
    assertFalse(flags.stream().anyMatch(f -> f.startsWith("--")), "the -- twins: " + flags);
    assertEquals(List.of("-refresh", "-refresh-only", "-replace"), complete("forma plan -re"));
    assertEquals(List.of("-chdir"), complete("forma -ch"));
  }

  @Test
  void subcommandsAfterTheirCommandAndNotAfterAnArgument() {
    assertEquals(List.of("delete", "list", "new", "select", "show"), complete("forma workspace "));
    assertTrue(complete("forma state ").containsAll(List.of("list", "mv", "pull", "rm", "show")));
    assertEquals(List.of(), complete("forma state rm aws_x.a "));
    assertEquals(List.of(), complete("forma nosuchcommand "));
  }

  @Test
  void workspaceNamesForSelectAndDelete() throws Exception {
    Files.createDirectories(dir.resolve("terraform.tfstate.d/dev"));
    Files.createDirectories(dir.resolve("terraform.tfstate.d/prod"));
    assertEquals(List.of("default", "dev", "prod"), complete("forma workspace select "));
    // the default workspace cannot be deleted
    assertEquals(List.of("dev"), complete("forma workspace delete d"));
    assertEquals(List.of("dev", "prod"), complete("forma workspace delete "));
    // -chdir points the completion at another folder, as it does the command
    Path other = Files.createDirectories(dir.resolve("other/terraform.tfstate.d/staging"));
    assertTrue(Files.isDirectory(other));
    assertEquals(List.of("default", "staging"), complete("forma -chdir=other workspace select "));
    assertEquals(List.of("default", "staging"), complete("forma -chdir other workspace select "));
  }

  @Test
  void theCursorPositionLimitsWhatIsCompleted() {
    cli.env.put("COMP_LINE", "forma pl -out=x");
    cli.env.put("COMP_POINT", "8");
    assertEquals(0, cli.run("", "forma", "pl", "forma"));
    assertEquals(List.of("plan"), cli.out().lines().toList());
  }

  @Test
  void installWritesTerraformsLinesIntoBashrcAndZshrcAndRefusesASecondTime() throws Exception {
    Files.writeString(home.resolve(".bashrc"), "export A=1\n");
    Files.writeString(home.resolve(".zshrc"), "export B=2");
    assertEquals(0, cli.run("", "-install-autocomplete"), cli.err());
    assertEquals("", cli.out() + cli.err());
    assertEquals(
        "export A=1\n\ncomplete -C " + LAUNCHER + " forma\n",
        Files.readString(home.resolve(".bashrc")));
    assertEquals(
        "export B=2\nautoload -U +X bashcompinit && bashcompinit\n"
            + "complete -o nospace -C "
            + LAUNCHER
            + " forma\n",
        Files.readString(home.resolve(".zshrc")));

    assertEquals(1, cli.run("", "-install-autocomplete"));
    assertEquals(
        "Error executing CLI: 2 errors occurred:\n"
            + "\t* already installed in "
            + home.resolve(".bashrc")
            + "\n\t* already installed in "
            + home.resolve(".zshrc")
            + "\n\n",
        cli.err());

    assertEquals(0, cli.run("", "-uninstall-autocomplete"), cli.err());
    assertEquals("export A=1\n\n", Files.readString(home.resolve(".bashrc")));
    assertEquals(
        "export B=2\nautoload -U +X bashcompinit && bashcompinit\n",
        Files.readString(home.resolve(".zshrc")));
    assertEquals(1, cli.run("", "-uninstall-autocomplete"));
    assertTrue(cli.err().contains("\t* not installed in " + home.resolve(".bashrc")), cli.err());
  }

  @Test
  void zshAlreadyLoadingBashCompletionGetsOnlyTheCompleteLine() throws Exception {
    Files.writeString(home.resolve(".zshrc"), "autoload -U +X bashcompinit && bashcompinit\n");
    assertEquals(0, cli.run("", "--install-autocomplete"), cli.err());
    assertEquals(
        "autoload -U +X bashcompinit && bashcompinit\n\ncomplete -o nospace -C "
            + LAUNCHER
            + " forma\n",
        Files.readString(home.resolve(".zshrc")));
    assertFalse(Files.exists(home.resolve(".bashrc")), "a .bashrc was made");
  }

  @Test
  void withoutAShellStartUpFileOrALauncherItSaysWhatIsWrong() throws Exception {
    assertEquals(1, cli.run("", "-install-autocomplete"));
    assertTrue(
        cli.err().startsWith("Error executing CLI: 1 error occurred:\n\t* Did not find any shells"),
        cli.err());

    Files.writeString(home.resolve(".bashrc"), "");
    System.clearProperty("forma.launcher");
    assertEquals(1, cli.run("", "-install-autocomplete"));
    assertTrue(cli.err().contains("run bin/forma -install-autocomplete instead"), cli.err());
    assertEquals("", Files.readString(home.resolve(".bashrc")));

    System.setProperty("forma.launcher", "/home/a b/forma/bin/forma");
    assertEquals(0, cli.run("", "-install-autocomplete"), cli.err());
    assertEquals(
        "\ncomplete -C '/home/a b/forma/bin/forma' forma\n",
        Files.readString(home.resolve(".bashrc")));
  }

  @Test
  void installTakesNoOtherArguments() {
    assertEquals(1, cli.run("", "-install-autocomplete", "plan"));
    assertTrue(cli.err().contains("takes no other arguments"), cli.err());
  }
}
