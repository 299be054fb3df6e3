package dev.forma.emulator.api;

/** The cloud products the local cloud serves, with the API version each one answers to. */
public enum Product {
  AIWORKSPACE("2021-02-04"),
  EAS("2021-07-01"),
  AICONTENT("20240611");

  private final String version;

  Product(String version) {
    this.version = version;
  }

  /** The {@code x-acs-version} the product's requests carry. */
  public String version() {
    return version;
  }
}
