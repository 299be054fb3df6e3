package dev.forma.provider.alicloud.resource;

import dev.forma.provider.alicloud.http.AcsClient;
import dev.forma.provider.sdk.http.Sleeper;
import dev.forma.provider.sdk.lifecycle.LifecycleContext;
import dev.forma.provider.sdk.lifecycle.Waiter;
import java.time.Duration;

/**
 * What a configured provider gives its resources: the API client, the region (EAS's ClusterId), the
 * poller for waits, and the pause before re-sending a create whose answer was lost.
 */
public record Session(
    AcsClient client, String region, Waiter waiter, Sleeper sleeper, Duration createRetryPause)
    implements LifecycleContext {}
