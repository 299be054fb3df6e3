package dev.forma.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.forma.engine.addrs.InstanceKey;
import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.addrs.ResourceAddress;
import dev.forma.engine.addrs.ResourceInstanceAddress;
import dev.forma.engine.plan.Action;
import dev.forma.engine.plan.ActionReason;
import dev.forma.engine.plan.OutputChange;
import dev.forma.engine.plan.Plan;
import dev.forma.engine.plan.ResourceChange;
import dev.forma.provider.api.value.Value;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Code;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.Text;
import org.commonmark.parser.Parser;
import org.junit.jupiter.api.Test;

/**
 * {@link PlanMarkdown} on plans made by hand: the lists are shortened (last) when even without
 * diffs the plan does not fit, and addresses and values that look like Markdown or HTML cannot
 * break the document.
 */
class PlanMarkdownTest {
  private static Value object(String input) {
    Map<String, Value> attrs = new LinkedHashMap<>();
    attrs.put("id", Value.of("id-" + input));
    attrs.put("input", Value.of(input));
    attrs.put("output", Value.of(input));
    attrs.put("triggers_replace", Value.nullOf(dev.forma.provider.api.value.Type.DYNAMIC));
    return Value.object(attrs);
  }

  private static ResourceChange delete(InstanceKey key) {
    return new ResourceChange(
        new ResourceInstanceAddress(ResourceAddress.managed("terraform_data", "d"), key),
        null,
        ProviderConfigAddress.of("terraform"),
        Action.DELETE,
        ActionReason.DELETE_BECAUSE_NO_RESOURCE_CONFIG,
        object("x"),
        null,
        List.of(),
        null,
        List.of(),
        false,
        null,
        null);
  }

  private static Plan plan(List<ResourceChange> changes, List<OutputChange> outputs) {
    return new Plan(
        Plan.Mode.NORMAL, changes, List.of(), outputs, Map.of(), 1, "l", Instant.EPOCH, true);
  }

  private record Parsed(
      List<String> headings, List<String> items, List<String> code, List<String> html) {}

  private static Parsed parse(String md) {
    List<String> headings = new ArrayList<>();
    List<String> items = new ArrayList<>();
    List<String> code = new ArrayList<>();
    List<String> html = new ArrayList<>();
    Parser.builder()
        .build()
        .parse(md)
        .accept(
            new AbstractVisitor() {
              @Override
              public void visit(Heading h) {
                headings.add(text(h));
              }

              @Override
              public void visit(ListItem i) {
                items.add(text(i));
              }

              @Override
              public void visit(FencedCodeBlock b) {
                code.add(b.getLiteral());
              }

              @Override
              public void visit(HtmlBlock b) {
                html.add(b.getLiteral());
              }
            });
    return new Parsed(headings, items, code, html);
  }

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

  @Test
  void whenEvenTheListsDoNotFitTheyAreShortenedWithAMarker() {
    List<ResourceChange> deletes = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      deletes.add(delete(InstanceKey.of(i)));
    }
    String md = PlanMarkdown.render(plan(deletes, List.of()), TerraformPlans.SCHEMAS, 5_000);
    assertTrue(md.length() <= 5_000, "length " + md.length());
    Parsed p = parse(md);
    // no diff is left, so neither is the heading over them
    assertEquals(List.of("Forma plan", "To destroy (500)"), p.headings());
    assertTrue(p.html().isEmpty(), md);
    int kept = p.items().size() - 1;
    assertTrue(kept > 10 && kept < 500, md);
    assertEquals("… and " + (500 - kept) + " more", p.items().getLast());
    assertEquals(
        "terraform_data.d[0] (because terraform_data.d is not in configuration)",
        p.items().getFirst());
    String firstCut = PlanRenderer.sorted(deletes).get(kept).address().toString();
    assertTrue(
        md.contains(
            "> **Left out to fit in 5,000 characters:** "
                + (500 - kept)
                + " of 500 entries of the list of resources to destroy (from `"
                + firstCut
                + "` on); the diffs of all 500 resources to destroy."),
        md);
  }

  @Test
  void addressesAndValuesThatLookLikeMarkdownCannotBreakTheDocument() {
    String key = "a`b ``|*x*<b>&amp;</details>";
    ResourceChange rc = delete(InstanceKey.of(key));
    Value value = Value.of("```\n</details>\n# heading");
    OutputChange out = new OutputChange("o", Action.CREATE, null, value, false);
    String md = PlanMarkdown.render(plan(List.of(rc), List.of(out)), TerraformPlans.SCHEMAS);
    Parsed p = parse(md);
    assertEquals(
        List.of("Forma plan", "To destroy (1)", "Output changes (1)", "Changes"), p.headings());
    String address = rc.address().toString();
    assertTrue(p.items().getFirst().startsWith(address + " (because"), p.items().toString());
    // one details block, its summary with the address escaped, and the diff whole in its fence
    assertEquals(2, p.html().size(), p.html().toString());
    assertTrue(p.html().getFirst().startsWith("<details><summary>"), p.html().getFirst());
    assertFalse(p.html().getFirst().contains("<b>"), p.html().getFirst());
    assertEquals("</details>", p.html().getLast().strip());
    assertEquals(
        PlanRenderer.changeText(plan(List.of(rc), List.of()), TerraformPlans.SCHEMAS, rc, false)
            + "\n",
        p.code().getLast());
    assertTrue(p.code().getFirst().contains("</details>\n"), p.code().getFirst());
  }
}
