package dev.forma.state.encryption;

import java.util.Map;

/**
 * OpenTofu's {@code unencrypted} method, for migrating from plain state and back: as the primary
 * method it writes payloads plain; anywhere in a target it lets plain payloads be read.
 */
final class UnencryptedMethod implements Method {
  private final String address;

  UnencryptedMethod(String address) {
    this.address = address;
  }

  @Override
  public String address() {
    return address;
  }

  @Override
  public String keyProvider() {
    return null;
  }

  @Override
  public boolean unencrypted() {
    return true;
  }

  @Override
  public String describe() {
    return address;
  }

  @Override
  public Sealed encrypt(byte[] plain) {
    throw new IllegalStateException("the unencrypted method does not encrypt");
  }

  @Override
  public byte[] decrypt(byte[] data, Map<String, byte[]> meta) throws Failure {
    throw new Failure("it reads only unencrypted data");
  }
}
