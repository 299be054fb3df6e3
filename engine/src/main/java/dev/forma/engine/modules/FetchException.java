package dev.forma.engine.modules;

/**
 * Why a package or a registry answer could not be had (git failed, an HTTP error, a bad archive):
 * the installer turns it into a diagnostic that names the module call.
 */
final class FetchException extends Exception {
  FetchException(String message) {
    super(message);
  }

  FetchException(String message, Throwable cause) {
    super(message, cause);
  }
}
