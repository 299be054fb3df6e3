package dev.forma.cli.reconcile;

import java.nio.file.Path;

/** Where the configuration comes from: a branch whose newest commit the controller follows. */
interface Source {
  /** The newest commit of the branch, fetched now. */
  String fetch() throws SourceException;

  /** The configuration folder as it is at {@code revision} (checked out on disk). */
  Path checkout(String revision) throws SourceException;

  /** A fetch or checkout that failed; its message names no credential. */
  final class SourceException extends Exception {
    SourceException(String message) {
      super(message);
    }
  }
}
