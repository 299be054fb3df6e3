package dev.forma.provider.sdk.lifecycle;

import dev.forma.provider.sdk.http.Sleeper;
import java.time.Duration;

/**
 * What the lifecycle needs of a configured provider besides its API calls: the poller for waits,
 * how to pause, and the pause before sending again a create whose answer was lost (doubled at each
 * further send). A provider's session object implements it.
 */
public interface LifecycleContext {
  Waiter waiter();

  Sleeper sleeper();

  Duration createRetryPause();
}
