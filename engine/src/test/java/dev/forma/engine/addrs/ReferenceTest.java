package dev.forma.engine.addrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.forma.engine.hcl.Expr;
import dev.forma.engine.hcl.Parser;
import dev.forma.engine.hcl.Traversals;
import dev.forma.provider.api.diag.Diagnostic;
import dev.forma.provider.api.diag.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReferenceTest {

  private static Result<Reference> parse(String text) {
    Expr e = Parser.parseExpression("t.tf", text).value();
    return Reference.parse(Traversals.of(e).getFirst());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "var.a.b          | InputVariable[name=a]                                  | 1",
        "local.x[0]       | LocalValue[name=x]                                     | 1",
        "count.index      | CountAttr[name=index]                                  | 0",
        "each.value.k     | EachAttr[name=value]                                   | 1",
        "path.module      | PathAttr[name=module]                                  | 0",
        "terraform.workspace | TerraformAttr[name=workspace]                       | 0",
        "self.id          | Self[]                                                 | 1",
        "x.y.id           | ResourceRef[resource=x.y]                              | 1",
        "x.y[2].id        | ResourceInstanceRef[instance=x.y[2]]                   | 1",
        "data.t.n['k'].a  | ResourceInstanceRef[instance=data.t.n[\"k\"]]          | 1",
        "module.m         | ModuleCall[name=m]                                     | 0",
        "module.m[1]      | ModuleCallInstance[name=m, key=[1]]                    | 0",
        "module.m.out.x   | ModuleCallOutput[call=m, key=, output=out]             | 1",
        "module.m['a'].out | ModuleCallOutput[call=m, key=[\"a\"], output=out]     | 0",
      })
  void readsEachKindOfReference(String text, String subject, int remaining) {
    Result<Reference> r = parse(text.replace('\'', '"'));
    assertEquals(subject, r.value().subject().toString());
    assertEquals(remaining, r.value().remaining().size());
  }

  @Test
  void theRangeCoversTheStepsThatNameTheSubject() {
    Reference r = parse("data.t.n[0].attr").value();
    assertEquals(0, r.range().start().column() - 1);
    assertEquals("data.t.n[0]".length(), r.range().end().column() - 1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "var | The \"var\" object cannot be accessed directly. Instead, access one of its"
            + " attributes.",
        "module | The \"module\" object cannot be accessed directly. Instead, access one of its"
            + " attributes.",
        "data.t | The \"data\" object must be followed by two attribute names: the data source"
            + " type and the resource name.",
        "aws_instance | A reference to a resource type must be followed by at least one"
            + " attribute access, specifying the resource name.",
      })
  void aShapeThatNamesNothingIsAnInvalidReference(String text, String detail) {
    Result<Reference> r = parse(text);
    assertNull(r.value());
    Diagnostic d = r.diagnostics().asList().getFirst();
    assertEquals("Invalid reference", d.summary());
    assertEquals(detail, d.detail());
  }
}
