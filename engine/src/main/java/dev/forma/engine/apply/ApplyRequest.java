package dev.forma.engine.apply;

import dev.forma.engine.addrs.ProviderConfigAddress;
import dev.forma.engine.plan.Plan;
import dev.forma.provider.api.Provider;
import dev.forma.state.SyncState;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one apply works from and on: the plan, the state writer every change goes through (a
 * {@link dev.forma.state.backend.StateTransaction}'s, so that each change is journaled before the
 * next dependent step starts), the configured providers by configuration address, the evaluator of
 * the configuration, the progress hooks, {@code -parallelism}, the clock elapsed times are measured
 * with, and how often running steps are checked for "Still creating..." lines ({@code heartbeat},
 * in real time).
 */
public record ApplyRequest(
    Plan plan,
    SyncState state,
    Map<ProviderConfigAddress, Provider> providers,
    ApplyEvaluator evaluator,
    ApplyHooks hooks,
    int parallelism,
    InstantSource clock,
    Duration heartbeat,
    byte[] writeOnlySalt) {
  public ApplyRequest {
    Objects.requireNonNull(plan, "plan");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(evaluator, "evaluator");
    providers = Map.copyOf(providers);
    hooks = hooks == null ? ApplyHooks.NONE : hooks;
    clock = clock == null ? InstantSource.system() : clock;
    heartbeat = heartbeat == null ? Duration.ofSeconds(1) : heartbeat;
    writeOnlySalt =
        writeOnlySalt == null || writeOnlySalt.length == 0 ? new byte[32] : writeOnlySalt.clone();
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
  }

  /** A request with no hooks, the default parallelism, the system clock. */
  public static ApplyRequest of(
      Plan plan,
      SyncState state,
      Map<ProviderConfigAddress, Provider> providers,
      ApplyEvaluator evaluator) {
    return new ApplyRequest(
        plan,
        state,
        providers,
        evaluator,
        ApplyHooks.NONE,
        GraphWalker.DEFAULT_PARALLELISM,
        InstantSource.system(),
        Duration.ofSeconds(1),
        null);
  }

  public ApplyRequest withHooks(ApplyHooks h) {
    return new ApplyRequest(
        plan, state, providers, evaluator, h, parallelism, clock, heartbeat, writeOnlySalt);
  }

  public ApplyRequest withParallelism(int p) {
    return new ApplyRequest(
        plan, state, providers, evaluator, hooks, p, clock, heartbeat, writeOnlySalt);
  }

  public ApplyRequest withClock(InstantSource c, Duration beat) {
    return new ApplyRequest(
        plan, state, providers, evaluator, hooks, parallelism, c, beat, writeOnlySalt);
  }

  /**
   * This request with the state's salt for write-only fingerprints (the one the plan used, see
   * {@link dev.forma.engine.plan.PlanOptions#writeOnlySalt()}).
   */
  public ApplyRequest withWriteOnlySalt(byte[] salt) {
    return new ApplyRequest(
        plan, state, providers, evaluator, hooks, parallelism, clock, heartbeat, salt);
  }
}
