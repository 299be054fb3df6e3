package dev.forma.cli.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** What the controller's log and status say of a step that failed. */
class FormaStepsTest {
  @Test
  void aFailedStepIsNamedByItsFirstErrorWithWhereAndWhatToFix() {
    String err =
        """

        Error: No value for required variable

          on variables.tf line 7:
           7: variable "dashscope_api_key" {

        The root module input variable "dashscope_api_key" is not set, and has no
        default value. Use a -var or -var-file command line argument to provide a
        value for this variable.

        Error: Another one
        """;
    assertEquals(
        "No value for required variable (variables.tf line 7): The root module input variable"
            + " \"dashscope_api_key\" is not set, and has no default value.",
        new FormaSteps.Run(1, "", err).error());
  }

  @Test
  void anErrorWithoutASourceKeepsItsDetailAndOneWithoutAnyItsSummary() {
    assertEquals(
        "Error acquiring the state lock: The state is locked.",
        new FormaSteps.Run(
                1, "", "\nError: Error acquiring the state lock\n\nThe state is locked.\n")
            .error());
    assertEquals(
        "Failed to read the configuration",
        new FormaSteps.Run(1, "", "Error: Failed to read the configuration\n").error());
    assertEquals("forma exited with 3", new FormaSteps.Run(3, "", "").error());
  }

  @Test
  void thePlanLineIsReadWhateverItCountsBeforeTheAdds() {
    for (String line :
        new String[] {
          "Plan: 0 to add, 0 to change, 1 to destroy.",
          "Plan: 1 to import, 0 to add, 0 to change, 1 to destroy.",
          "Plan: 1 to adopt, 0 to add, 0 to change, 1 to destroy.",
          "Plan: 2 to import, 1 to adopt, 0 to add, 0 to change, 1 to destroy."
        }) {
      java.util.regex.Matcher m = FormaSteps.PLAN_LINE.matcher("\n" + line + "\n");
      org.junit.jupiter.api.Assertions.assertTrue(m.find(), line);
      assertEquals("1", m.group(3), line);
    }
  }
}
