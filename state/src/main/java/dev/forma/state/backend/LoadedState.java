package dev.forma.state.backend;

import dev.forma.state.State;
import java.util.Objects;
import java.util.Optional;

/**
 * The state a backend read, and what it recovered from a journal left by an interrupted operation,
 * if anything.
 */
public record LoadedState(State state, Optional<Recovery> recovery) {
  public LoadedState {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(recovery, "recovery");
  }
}
