package dev.forma.engine.config;

/**
 * Asks the user for a value at the terminal: shows a prompt and reads one line. The CLI supplies
 * one reading stdin; tests supply canned answers.
 */
public interface Prompter {
  /**
   * Shows {@code prompt} (the variable's name and description) and returns the line read, without
   * its line ending, or null at end of input.
   */
  String readLine(String prompt);
}
