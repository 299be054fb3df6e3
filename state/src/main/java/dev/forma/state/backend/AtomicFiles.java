package dev.forma.state.backend;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replacing a file so that a crash leaves either the old or the new content, never a mix: write a
 * temporary file in the same directory, fsync it, rename it over the target, fsync the directory.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /**
   * Replaces {@code target} with {@code bytes}. A new file gets owner-only permissions (a state
   * holds secrets); a replaced one keeps its permissions.
   */
  static void write(Path target, byte[] bytes, LocalStateStore.Counter counter) throws IOException {
    write(target, bytes, counter, true);
  }

  /**
   * Replaces {@code target} with {@code bytes}, making its directory first if there is none. The
   * file is owner-only afterwards (it holds state), whatever its permissions were.
   */
  public static void replace(Path target, byte[] bytes) throws IOException {
    Files.createDirectories(directory(target));
    write(target, bytes, null, false);
  }

  private static void write(
      Path target, byte[] bytes, LocalStateStore.Counter counter, boolean keepPermissions)
      throws IOException {
    Path dir = directory(target);
    Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      if (counter != null) {
        counter.add(bytes.length);
      }
      if (keepPermissions) {
        keepPermissions(target, temp);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Deletes {@code target} if it exists, and makes the deletion durable. */
  public static void delete(Path target) throws IOException {
    if (Files.deleteIfExists(target)) {
      syncDirectory(directory(target));
    }
  }

  /** Fsyncs a directory where the platform allows it (not on Windows). */
  static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException | UnsupportedOperationException notSupported) {
      // Opening or syncing a directory is not possible everywhere; the rename is still atomic.
    }
  }

  static Path directory(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }

  private static void keepPermissions(Path target, Path temp) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (view == null || !Files.exists(target)) {
      return;
    }
    Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(target);
    view.setPermissions(permissions);
  }
}
