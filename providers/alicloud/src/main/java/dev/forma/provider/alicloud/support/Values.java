package dev.forma.provider.alicloud.support;

/**
 * The provider SDK's value helpers ({@link dev.forma.provider.sdk.Values}) under their old name,
 * for the code outside this provider's resources that still imports it (the {@code check} package
 * and the tests); new code imports the SDK's class.
 */
public final class Values extends dev.forma.provider.sdk.Values {
  private Values() {}
}
