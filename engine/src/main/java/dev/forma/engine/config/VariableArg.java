package dev.forma.engine.config;

/**
 * A command-line variable option, in the order given: {@code -var 'k=v'} or {@code -var-file=F}.
 */
public sealed interface VariableArg {
  /** {@code -var 'name=value'}: the text after {@code -var}. */
  record Var(String assignment) implements VariableArg {}

  /** {@code -var-file=path}, relative to the working directory. */
  record VarFile(String path) implements VariableArg {}
}
