package dev.forma.emulator.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The account rate limit fault: calls beyond the limit in one second are throttled. */
class RateLimitFaultTest {
  @Test
  void callsBeyondTheLimitInOneSecondAreThrottledAndOthersActionsAreNotCounted() {
    FaultInjector f = new FaultInjector();
    f.configure(new FaultConfig(0, 0, 0, 0, 0, Set.of("GetWorkspace")).withMaxCallsPerSecond(5));
    List<FaultInjector.Outcome> got = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      got.add(f.decide("GetWorkspace").outcome());
      assertEquals(FaultInjector.Outcome.PASS, f.decide("ListConnections").outcome());
    }
    assertEquals(
        List.of(
            FaultInjector.Outcome.PASS,
            FaultInjector.Outcome.PASS,
            FaultInjector.Outcome.PASS,
            FaultInjector.Outcome.PASS,
            FaultInjector.Outcome.PASS,
            FaultInjector.Outcome.THROTTLE,
            FaultInjector.Outcome.THROTTLE,
            FaultInjector.Outcome.THROTTLE),
        got);
  }
}
