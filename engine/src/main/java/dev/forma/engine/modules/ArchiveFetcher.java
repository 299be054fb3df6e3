package dev.forma.engine.modules;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Fetches a package that is an archive over HTTP(S) ({@code .zip}, {@code .tar.gz}/{@code .tgz}, or
 * {@code ?archive=} saying which) and unpacks it into the destination. Entries that would land
 * outside the destination are refused; links are skipped.
 */
final class ArchiveFetcher {
  private final OkHttpClient http;

  ArchiveFetcher(OkHttpClient http) {
    this.http = http;
  }

  void fetch(String url, Path destination) throws FetchException {
    String format = ModuleSource.archiveFormat(url);
    if (format == null) {
      throw new FetchException(
          "error downloading '" + url + "': not an archive (.zip, .tar.gz or .tgz)");
    }
    String plain = withoutArchiveParameter(url);
    Request request;
    try {
      request = new Request.Builder().url(plain).get().build();
    } catch (IllegalArgumentException e) {
      throw new FetchException("error downloading '" + url + "': invalid URL");
    }
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      if (!response.isSuccessful() || body == null) {
        throw new FetchException(
            "error downloading '" + url + "': bad response code: " + response.code());
      }
      Files.createDirectories(destination);
      try (InputStream in = new BufferedInputStream(body.byteStream())) {
        if (format.equals("zip")) {
          unzip(in, destination);
        } else {
          untar(new GZIPInputStream(in), destination);
        }
      }
    } catch (IOException e) {
      throw new FetchException("error downloading '" + url + "': " + e.getMessage(), e);
    }
  }

  private static String withoutArchiveParameter(String url) {
    int q = url.indexOf('?');
    if (q < 0) {
      return url;
    }
    StringBuilder b = new StringBuilder();
    for (String p : url.substring(q + 1).split("&")) {
      if (!p.startsWith("archive=") && !p.isEmpty()) {
        b.append(b.isEmpty() ? "?" : "&").append(p);
      }
    }
    return url.substring(0, q) + b;
  }

  private static void unzip(InputStream in, Path destination) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(in)) {
      for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
        Path target = inside(destination, e.getName());
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** A tar stream (ustar, with GNU long names and pax path records). */
  static void untar(InputStream in, Path destination) throws IOException {
    byte[] header = new byte[512];
    String longName = null;
    while (true) {
      if (in.readNBytes(header, 0, 512) < 512) {
        return;
      }
      if (allZero(header)) {
        return;
      }
      String name = field(header, 0, 100);
      String prefix = field(header, 345, 155);
      if (!prefix.isEmpty() && header[257] == 'u') {
        name = prefix + "/" + name;
      }
      long size = octal(header, 124, 12);
      char type = (char) header[156];
      long padded = (size + 511) / 512 * 512;
      if (type == 'L' || type == 'x' || type == 'g') {
        byte[] data = in.readNBytes((int) size);
        in.skipNBytes(padded - size);
        if (type == 'L') {
          longName = new String(data, StandardCharsets.UTF_8).replace("\0", "");
        } else if (type == 'x') {
          String path = paxPath(data);
          if (path != null) {
            longName = path;
          }
        }
        continue;
      }
      if (longName != null) {
        name = longName;
        longName = null;
      }
      if (type == '0' || type == '\0' || type == '7') {
        Path target = inside(destination, name);
        Files.createDirectories(target.getParent());
        Files.copy(new Bounded(in, size), target, StandardCopyOption.REPLACE_EXISTING);
        in.skipNBytes(padded - size);
        if ((octal(header, 100, 8) & 0100) != 0) {
          target.toFile().setExecutable(true);
        }
      } else {
        if (type == '5') {
          Files.createDirectories(inside(destination, name));
        }
        in.skipNBytes(padded); // links and specials are skipped
      }
    }
  }

  private static String paxPath(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    for (String record : text.split("\n")) {
      int space = record.indexOf(' ');
      if (space > 0 && record.startsWith("path=", space + 1)) {
        return record.substring(space + 1 + "path=".length());
      }
    }
    return null;
  }

  private static Path inside(Path destination, String name) throws IOException {
    Path target = destination.resolve(name).normalize();
    if (!target.startsWith(destination.normalize())) {
      throw new IOException("the archive has an entry outside its root: " + name);
    }
    return target;
  }

  private static boolean allZero(byte[] b) {
    for (byte x : b) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }

  private static String field(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    String s = field(b, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }

  /** At most {@code remaining} bytes of a stream, without closing it. */
  private static final class Bounded extends InputStream {
    private final InputStream in;
    private long remaining;

    Bounded(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int c = in.read();
      if (c >= 0) {
        remaining--;
      }
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(b, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }
  }
}
