package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.planfile.PlanFile;
import dev.forma.engine.providers.Providers;
import dev.forma.engine.render.PlanMarkdown;
import dev.forma.provider.api.diag.Result;
import dev.forma.state.encryption.StateEncryption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.ext.gfm.tables.TableCell;
import org.commonmark.ext.gfm.tables.TableRow;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.BlockQuote;
import org.commonmark.node.BulletList;
import org.commonmark.node.Code;
import org.commonmark.node.CustomBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan -markdown=FILE} and {@code show -markdown PLANFILE}: plans of 1, 100 and 10,000
 * changes of {@code terraform_data}, parsed with a real CommonMark parser (with GitHub's tables):
 * the summary line as the plan text has it, the table of changes, deletions and replacements first,
 * the plan text's own diffs in {@code <details>} blocks, sensitive values never shown, and a plan
 * that would not fit a GitHub comment cut from the least important diffs with a note that says what
 * was left out.
 */
class MarkdownPlanTest {
  private static final Parser PARSER =
      Parser.builder().extensions(List.of(TablesExtension.create())).build();

  @TempDir Path dir;

  /** The Markdown's structure, as the parser found it. */
  private record Parsed(
      List<String> headings,
      List<String> strong,
      List<List<String>> rows,
      List<String> listItems,
      List<String> htmlBlocks,
      List<String> codeBlocks,
      List<String> quotes) {}

  private static Parsed parse(String markdown) {
    Node doc = PARSER.parse(markdown);
    List<String> headings = new ArrayList<>();
    List<String> strong = new ArrayList<>();
    List<List<String>> rows = new ArrayList<>();
    List<String> items = new ArrayList<>();
    List<String> html = new ArrayList<>();
    List<String> code = new ArrayList<>();
    List<String> quotes = new ArrayList<>();
    doc.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Heading h) {
            headings.add("#".repeat(h.getLevel()) + " " + text(h));
          }

          @Override
          public void visit(StrongEmphasis s) {
            strong.add(text(s));
          }

          @Override
          public void visit(CustomBlock b) {
            if (b instanceof TableBlock) {
              for (Node n = b.getFirstChild(); n != null; n = n.getNext()) {
                for (Node r = n.getFirstChild(); r != null; r = r.getNext()) {
                  if (r instanceof TableRow) {
                    List<String> cells = new ArrayList<>();
                    for (Node c = r.getFirstChild(); c != null; c = c.getNext()) {
                      if (c instanceof TableCell) {
                        cells.add(text(c));
                      }
                    }
                    rows.add(cells);
                  }
                }
              }
            }
          }

          @Override
          public void visit(BulletList l) {
            for (Node n = l.getFirstChild(); n != null; n = n.getNext()) {
              if (n instanceof ListItem) {
                items.add(text(n));
              }
            }
          }

          @Override
          public void visit(HtmlBlock b) {
            html.add(b.getLiteral());
          }

          @Override
          public void visit(FencedCodeBlock b) {
            code.add(b.getLiteral());
          }

          @Override
          public void visit(BlockQuote q) {
            quotes.add(text(q));
            visitChildren(q);
          }
        });
    return new Parsed(headings, strong, rows, items, html, code, quotes);
  }

  /** The text of a node's inline content (code spans as their code). */
  private static String text(Node node) {
    StringBuilder sb = new StringBuilder();
    node.accept(
        new AbstractVisitor() {
          @Override
          public void visit(Text t) {
            sb.append(t.getLiteral());
          }

          @Override
          public void visit(Code c) {
            sb.append(c.getLiteral());
          }
        });
    return sb.toString();
  }

  private static String config(String body) {
    return body;
  }

  private static String count(String name, int n, String input) {
    return "resource \"terraform_data\" \""
        + name
        + "\" {\n  count = "
        + n
        + "\n  input = \""
        + input
        + "-${count.index}\"\n}\n";
  }

  private static String replaced(String name, int n, String trigger) {
    return "resource \"terraform_data\" \""
        + name
        + "\" {\n  count            = "
        + n
        + "\n  input            = \"r\"\n  triggers_replace = \""
        + trigger
        + "\"\n}\n";
  }

  /** The plan text's {@code Plan:} line. */
  private static String planLine(String out) {
    Matcher m = Pattern.compile("(?m)^Plan: .*$").matcher(out);
    assertTrue(m.find(), out);
    return m.group();
  }

  /** The plan text's block for one resource: from its comment line to its closing brace. */
  private static String block(String out, String address) {
    int start = out.indexOf("  # " + address + " ");
    assertTrue(start >= 0, address + " in\n" + out);
    int end = out.indexOf("\n    }\n", start);
    return out.substring(start, end + "\n    }".length());
  }

  private static List<String> details(Parsed p) {
    return p.htmlBlocks().stream().filter(h -> h.startsWith("<details>")).toList();
  }

  @Test
  void oneChangeShowsTheSummaryLineTheTableAndThePlanTextsDiff() throws Exception {
    CliRun cli = new CliRun(dir);
    cli.write("main.tf", "resource \"terraform_data\" \"a\" {\n  input = \"hello\"\n}\n");
    assertEquals(
        0, cli.run("", "plan", "-no-color", "-markdown=plan.md", "-out=p.plan"), cli.err());
    String text = cli.out();
    String md = Files.readString(dir.resolve("plan.md"));
    Parsed p = parse(md);

    assertEquals(List.of("## Forma plan", "### Changes"), p.headings(), md);
    assertEquals("Plan: 1 to add, 0 to change, 0 to destroy.", planLine(text));
    assertEquals(planLine(text), p.strong().getFirst());
    assertEquals(
        List.of(
            List.of("Action", "Resource type", "Count"), List.of("create", "terraform_data", "1")),
        p.rows());
    assertEquals(1, details(p).size(), md);
    assertTrue(
        details(p).getFirst().contains("<summary>terraform_data.a will be created</summary>"), md);
    assertEquals(List.of(block(text, "terraform_data.a") + "\n"), p.codeBlocks());
    assertEquals(1, p.htmlBlocks().stream().filter(h -> h.strip().equals("</details>")).count());
    assertTrue(p.quotes().isEmpty(), "nothing left out: " + md);

    // show -markdown of the saved plan prints the same document
    assertEquals(0, cli.run("", "show", "-markdown", "p.plan"), cli.err());
    assertEquals(md, cli.out());
  }

  /** 30 updates, 20 replacements, 20 deletions and 30 creates. */
  private CliRun hundredChanges() throws Exception {
    CliRun cli = new CliRun(dir);
    cli.write(
        "main.tf", count("upd", 30, "old") + replaced("rep", 20, "one") + count("del", 20, "gone"));
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
    cli.write(
        "main.tf", count("upd", 30, "new") + replaced("rep", 20, "two") + count("new", 30, "n"));
    assertEquals(
        0, cli.run("", "plan", "-no-color", "-markdown=plan.md", "-out=p.plan"), cli.err());
    return cli;
  }

  @Test
  void aHundredChangesPutDeletionsFirstAndNameWhatForcesEachReplacement() throws Exception {
    CliRun cli = hundredChanges();
    String text = cli.out();
    String md = Files.readString(dir.resolve("plan.md"));
    Parsed p = parse(md);

    assertEquals("Plan: 50 to add, 30 to change, 40 to destroy.", planLine(text));
    assertEquals(planLine(text), p.strong().getFirst());
    assertEquals(
        List.of(
            List.of("Action", "Resource type", "Count"),
            List.of("destroy", "terraform_data", "20"),
            List.of("replace", "terraform_data", "20"),
            List.of("create", "terraform_data", "30"),
            List.of("update", "terraform_data", "30")),
        p.rows());
    assertEquals(
        List.of("## Forma plan", "### To destroy (20)", "### To replace (20)", "### Changes"),
        p.headings());
    assertEquals(40, p.listItems().size(), md);
    assertEquals(
        "terraform_data.del[0] (because terraform_data.del is not in configuration)",
        p.listItems().getFirst());
    assertTrue(
        p.listItems().contains("terraform_data.rep[7]: forced by triggers_replace"),
        p.listItems().toString());

    // every change's diff, the plan text's own, deletions first, then replacements
    List<String> details = details(p);
    assertEquals(100, details.size());
    assertEquals(100, p.codeBlocks().size());
    assertTrue(details.getFirst().contains("terraform_data.del[0] will be destroyed"), md);
    assertTrue(details.get(20).contains("terraform_data.rep[0] must be replaced"), md);
    assertTrue(details.get(40).contains("terraform_data.new[0] will be created"), md);
    assertTrue(details.get(70).contains("terraform_data.upd[0] will be updated in-place"), md);
    assertTrue(p.codeBlocks().contains(block(text, "terraform_data.rep[3]") + "\n"));
    assertTrue(p.codeBlocks().contains(block(text, "terraform_data.upd[29]") + "\n"));
    assertTrue(p.quotes().isEmpty(), "nothing left out: " + md);
  }

  @Test
  void whatDoesNotFitIsCutFromTheLeastImportantDiffsAndTheNoteSaysWhat() throws Exception {
    hundredChanges();
    Result<PlanFile> read =
        PlanFile.read(dir.resolve("p.plan"), Main.VERSION, StateEncryption.NONE);
    assertNotNull(read.value(), read.diagnostics().toString());
    var schemas = Schemas.all(Providers.discover());
    String whole = PlanMarkdown.render(read.value().plan(), schemas);

    // the diffs come destroy, replace, create, update: room for all but the updates and about
    // half the creates
    int creates0 = whole.indexOf("<details><summary>terraform_data.new[0] will be created");
    int updates0 = whole.indexOf("<details><summary>terraform_data.upd[0] will be updated");
    assertTrue(creates0 > 0 && updates0 > creates0, whole);
    int budget = updates0 - (updates0 - creates0) / 2;
    String md = PlanMarkdown.render(read.value().plan(), schemas, budget);
    assertTrue(md.length() <= budget, md.length() + " > " + budget);
    Parsed p = parse(md);
    List<String> details = details(p);
    assertTrue(details.stream().noneMatch(d -> d.contains("updated in-place")), md);
    assertEquals(20, details.stream().filter(d -> d.contains("will be destroyed")).count());
    assertEquals(20, details.stream().filter(d -> d.contains("must be replaced")).count());
    long creates = details.stream().filter(d -> d.contains("will be created")).count();
    // in the plan text's order (by address text): the first diff left out and all after it
    List<String> createsInOrder = new ArrayList<>();
    Matcher m = Pattern.compile("<summary>(terraform_data\\.new\\[\\d+\\]) will").matcher(whole);
    while (m.find()) {
      createsInOrder.add(m.group(1));
    }
    assertEquals(30, createsInOrder.size());
    assertTrue(details.stream().anyMatch(d -> d.contains(createsInOrder.get((int) creates - 1))));
    assertTrue(creates < 30, md);
    assertEquals(
        "Left out to fit in "
            + String.format(java.util.Locale.ROOT, "%,d", budget)
            + " characters: the diffs of "
            + (30 - creates)
            + " of 30 resources to create (from "
            + createsInOrder.get((int) creates)
            + " on); the diffs of all 30 resources to update in place. forma show of the saved"
            + " plan prints it whole.",
        p.quotes().getFirst());
    // the summary, the table and the lists of deletions and replacements are all still there
    assertEquals(5, p.rows().size());
    assertEquals(40, p.listItems().size());
  }

  @Test
  void tenThousandChangesFitAGitHubCommentAndSayWhatWasLeftOut() throws Exception {
    CliRun cli = new CliRun(dir);
    cli.write("main.tf", count("n", 10_000, "v"));
    assertEquals(0, cli.run("", "plan", "-no-color", "-markdown=plan.md"), cli.err());
    String md = Files.readString(dir.resolve("plan.md"));
    assertTrue(md.length() <= 65_535, "length " + md.length());
    Parsed p = parse(md);

    assertEquals("Plan: 10000 to add, 0 to change, 0 to destroy.", planLine(cli.out()));
    assertEquals(planLine(cli.out()), p.strong().getFirst());
    assertEquals(List.of("create", "terraform_data", "10000"), p.rows().get(1));
    int shown = details(p).size();
    assertTrue(shown > 50 && shown < 10_000, "diffs shown: " + shown);
    assertEquals(shown, p.codeBlocks().size());
    assertEquals(1, p.quotes().size(), md);
    String leftOut = 10_000 - shown + "";
    assertTrue(
        p.quotes()
            .getFirst()
            .startsWith(
                "Left out to fit in 65,535 characters: the diffs of "
                    + String.format(java.util.Locale.ROOT, "%,d", Integer.parseInt(leftOut))
                    + " of 10,000 resources to create (from terraform_data.n["),
        p.quotes().getFirst());
    // the first diffs are kept, the last ones are the ones left out
    assertTrue(details(p).getFirst().contains("terraform_data.n[0] will be created"));
  }

  @Test
  void sensitiveValuesAreNeverShown() throws Exception {
    CliRun cli = new CliRun(dir);
    String secret = "s3cr3t-token-value";
    cli.write(
        "main.tf",
        "variable \"token\" {\n  type      = string\n  sensitive = true\n}\n"
            + "resource \"terraform_data\" \"a\" {\n  input = var.token\n}\n"
            + "resource \"terraform_data\" \"b\" {\n  input = { name = \"b\", key = var.token }\n}\n"
            + "output \"token\" {\n  value     = var.token\n  sensitive = true\n}\n"
            + "output \"plain\" {\n  value = \"visible\"\n}\n");
    assertEquals(
        0,
        cli.run("", "plan", "-no-color", "-var", "token=" + secret, "-markdown=plan.md"),
        cli.err());
    String md = Files.readString(dir.resolve("plan.md"));
    assertFalse(md.contains(secret), md);
    assertFalse(cli.out().contains(secret), cli.out());
    Parsed p = parse(md);
    assertTrue(p.headings().contains("### Output changes (2)"), md);
    assertTrue(
        p.codeBlocks().contains("  + plain = \"visible\"\n  + token = (sensitive value)\n"),
        p.codeBlocks().toString());
    assertTrue(md.contains("input  = (sensitive value)"), md);
  }

  @Test
  void aMarkdownFileThatCannotBeWrittenIsAnErrorThatSaysWhy() throws Exception {
    CliRun cli = new CliRun(dir);
    cli.write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(1, cli.run("", "plan", "-no-color", "-markdown=no/such/folder/plan.md"));
    assertTrue(cli.err().contains("Error: Failed to write the plan's Markdown"), cli.err());
    assertTrue(cli.err().contains("no/such/folder/plan.md could not be written"), cli.err());
  }

  @Test
  void showMarkdownRefusesAStateAndJsonTogether() throws Exception {
    CliRun cli = new CliRun(dir);
    cli.write("main.tf", "resource \"terraform_data\" \"a\" {}\n");
    assertEquals(0, cli.run("", "apply", "-auto-approve", "-no-color"), cli.err());
    assertEquals(1, cli.run("", "show", "-markdown", "-no-color", "terraform.tfstate"));
    assertTrue(cli.err().contains("is not a Forma saved plan file"), cli.err());
    assertEquals(1, cli.run("", "show", "-markdown", "-no-color"));
    assertTrue(cli.err().contains("forma show -markdown FILE"), cli.err());
    assertEquals(1, cli.run("", "show", "-markdown", "-json", "-no-color", "x"));
    assertTrue(cli.err().contains("mutually exclusive"), cli.err());
  }
}
