package dev.forma.engine.plan;

import dev.forma.engine.addrs.ResourceInstanceAddress;
import java.util.List;
import java.util.Set;

/**
 * How to plan: the {@link Plan.Mode mode} ({@code -destroy}, {@code -refresh-only}), whether to
 * refresh first ({@code -refresh=false}), {@code -target} addresses (an address without a key
 * targets every instance of its resource), {@code -replace} addresses, how many provider calls
 * may run at once ({@code -parallelism}), and the state's salt for write-only fingerprints.
 */
public record PlanOptions(
    Plan.Mode mode,
    boolean refresh,
    List<ResourceInstanceAddress> targets,
    Set<ResourceInstanceAddress> forceReplace,
    int parallelism,
    byte[] writeOnlySalt) {
  public PlanOptions {
    targets = List.copyOf(targets);
    forceReplace = Set.copyOf(forceReplace);
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1");
    }
    writeOnlySalt = writeOnlySalt == null ? new byte[0] : writeOnlySalt.clone();
  }

  /** A normal plan with refresh, no targets, parallelism 10, and no salt. */
  public static PlanOptions defaults() {
    return new PlanOptions(Plan.Mode.NORMAL, true, List.of(), Set.of(), 10, new byte[0]);
  }

  public PlanOptions withMode(Plan.Mode m) {
    return new PlanOptions(m, refresh, targets, forceReplace, parallelism, writeOnlySalt);
  }

  public PlanOptions withRefresh(boolean r) {
    return new PlanOptions(mode, r, targets, forceReplace, parallelism, writeOnlySalt);
  }

  public PlanOptions withTargets(List<ResourceInstanceAddress> t) {
    return new PlanOptions(mode, refresh, t, forceReplace, parallelism, writeOnlySalt);
  }

  public PlanOptions withForceReplace(Set<ResourceInstanceAddress> r) {
    return new PlanOptions(mode, refresh, targets, r, parallelism, writeOnlySalt);
  }

  public PlanOptions withParallelism(int p) {
    return new PlanOptions(mode, refresh, targets, forceReplace, p, writeOnlySalt);
  }

  public PlanOptions withWriteOnlySalt(byte[] salt) {
    return new PlanOptions(mode, refresh, targets, forceReplace, parallelism, salt);
  }

  @Override
  public byte[] writeOnlySalt() {
    return writeOnlySalt.clone();
  }
}
