package dev.forma.engine.functions;

import static dev.forma.engine.functions.F.n;
import static dev.forma.engine.functions.F.ok;
import static dev.forma.engine.functions.F.s;

import org.junit.jupiter.api.Test;

/**
 * format() with a width or precision beyond Go's limit (found by ExpressionFuzzTest: {@code
 * format("%777777777e", 255)} padded to 777 million characters and ran out of memory). Terraform's
 * output, as its console prints it.
 */
class GoFormatLimitsTest {

  @Test
  void aNumberWithAWidthAboveAMillionIsGosNoVerbAsInTerraform() {
    ok(s("%!(NOVERB)%!(EXTRA *big.Int=1)"), "format", s("%777777777d"), n(1));
    ok(s("%!(NOVERB)%!(EXTRA *big.Float=255)"), "format", s("%777777777e"), n(255));
    ok(s("%!(NOVERB)%!(EXTRA *big.Float=1)"), "format", s("%.777777777f"), n(1));
    // digits beyond an int no longer end in NumberFormatException
    ok(s("%!(NOVERB)%!(EXTRA *big.Int=7)"), "format", s("%99999999999999d"), n(7));
  }

  @Test
  void aWidthOfAMillionIsStillAWidth() {
    String padded = " ".repeat(999_999) + "1";
    ok(s(padded), "format", s("%1000000d"), n(1));
  }
}
