package dev.forma.engine.functions;

import static dev.forma.provider.api.value.Type.STRING;

import dev.forma.provider.api.value.Value;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * base64gzip, textencodebase64, textdecodebase64: text to and from bytes, as Terraform does it.
 *
 * <p>Encodings are named as in the IANA character-set registry (a name or any of its aliases, in
 * any case), for the encodings Terraform supports; errors name an encoding by its IANA name.
 */
final class TextEncodingFunctions {
  private TextEncodingFunctions() {}

  /** An IANA-registered encoding Terraform supports: its registry name and the JDK's charset. */
  private record Encoding(String ianaName, Charset charset) {}

  /** Made on first use: looking up the charsets loads the JDK's extended ones, slowly. */
  private static final class Encodings {
    static final Map<String, Encoding> ALL = encodings();
  }

  static List<Builtin> all() {
    return List.of(
        Builtin.named("base64gzip")
            .param("str", STRING)
            .returns(STRING)
            .body(a -> Value.of(base64gzip(a.string(0)))),
        Builtin.named("textencodebase64")
            .param("string", STRING)
            .param("encoding", STRING)
            .returns(STRING)
            .body(TextEncodingFunctions::textencodebase64),
        Builtin.named("textdecodebase64")
            .param("source", STRING)
            .param("encoding", STRING)
            .returns(STRING)
            .body(TextEncodingFunctions::textdecodebase64));
  }

  /**
   * Gzip as Go's writer lays it out (no name or time, operating system "unknown"), its deflate
   * stream ended as Go's writer ends it after a flush: the data in a non-final block, an empty
   * stored block, then an empty final stored block.
   */
  static String base64gzip(String s) {
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
    Deflater deflater = new Deflater(6, true);
    try {
      deflater.setInput(in);
      byte[] buf = new byte[8192];
      int n;
      do {
        n = deflater.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        out.write(buf, 0, n);
      } while (n == buf.length || !deflater.needsInput());
    } finally {
      deflater.end();
    }
    out.writeBytes(new byte[] {1, 0, 0, (byte) 0xff, (byte) 0xff});
    CRC32 crc = new CRC32();
    crc.update(in);
    writeLittleEndian(out, crc.getValue());
    writeLittleEndian(out, in.length & 0xFFFFFFFFL);
    return Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static void writeLittleEndian(ByteArrayOutputStream out, long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xFF);
    }
  }

  private static Encoding encoding(CallArgs a) throws FunctionException {
    Encoding e = Encodings.ALL.get(a.string(1).toLowerCase(Locale.ROOT));
    if (e == null) {
      throw new FunctionException(
          1,
          "encoding",
          "\""
              + a.string(1)
              + "\" is not a supported IANA encoding name or alias in this Terraform version");
    }
    return e;
  }

  private static Value textencodebase64(CallArgs a) throws FunctionException {
    Encoding e = encoding(a);
    try {
      ByteBuffer bytes =
          e.charset()
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(a.string(0)));
      byte[] b = new byte[bytes.remaining()];
      bytes.get(b);
      return Value.of(Base64.getEncoder().encodeToString(b));
    } catch (CharacterCodingException ex) {
      throw new FunctionException(
          0,
          "string",
          "the given string contains characters that cannot be represented in " + e.ianaName());
    }
  }

  private static Value textdecodebase64(CallArgs a) throws FunctionException {
    Encoding e = encoding(a);
    byte[] bytes = goBase64Decode(a.string(0));
    String text;
    try {
      text =
          e.charset()
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException ex) {
      text = null;
    }
    if (text == null || text.indexOf('\uFFFD') >= 0) {
      throw new FunctionException(
          0,
          "source",
          "the given string contains symbols that are not defined for " + e.ianaName());
    }
    return Value.of(text);
  }

  /**
   * Go's standard base64 decoding: padding required, newlines ignored, and a bad input reported at
   * the byte offset Go reports.
   */
  static byte[] goBase64Decode(String s) throws FunctionException {
    byte[] src = s.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int si = 0;
    while (true) {
      int[] quantum = new int[4];
      int length = 4;
      boolean end = false;
      for (int j = 0; j < 4; j++) {
        if (si == src.length) {
          if (j == 0) {
            return out.toByteArray();
          }
          throw corrupt(si - j);
        }
        int in = src[si] & 0xFF;
        si++;
        int value = sextet(in);
        if (value >= 0) {
          quantum[j] = value;
          continue;
        }
        if (in == '\n' || in == '\r') {
          j--;
          continue;
        }
        if (in != '=' || j < 2) {
          throw corrupt(si - 1);
        }
        if (j == 2) {
          while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
            si++;
          }
          if (si == src.length) {
            throw corrupt(src.length);
          }
          if (src[si] != '=') {
            throw corrupt(si - 1);
          }
          si++;
        }
        while (si < src.length && (src[si] == '\n' || src[si] == '\r')) {
          si++;
        }
        if (si < src.length) {
          throw corrupt(si);
        }
        length = j;
        end = true;
        break;
      }
      int v = quantum[0] << 18 | quantum[1] << 12 | quantum[2] << 6 | quantum[3];
      for (int k = 0; k < length - 1; k++) {
        out.write((v >> (16 - 8 * k)) & 0xFF);
      }
      if (end) {
        return out.toByteArray();
      }
    }
  }

  private static int sextet(int c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  }

  private static FunctionException corrupt(int offset) {
    return new FunctionException(
        0, "source", "the given value is has an invalid base64 symbol at offset " + offset);
  }

  /** IANA names and aliases (lower case) of the encodings both Terraform and the JDK have. */
  private static Map<String, Encoding> encodings() {
    Map<String, Encoding> m = new HashMap<>();
    add(m, "UTF-8", "UTF-8", "csUTF8");
    add(m, "UTF-16", "UTF-16", "csUTF16");
    add(m, "UTF-16BE", "UTF-16BE", "csUTF16BE");
    add(m, "UTF-16LE", "UTF-16LE", "csUTF16LE");
    add(
        m,
        "US-ASCII",
        "US-ASCII",
        "iso-ir-6",
        "ANSI_X3.4-1968",
        "ANSI_X3.4-1986",
        "ISO_646.irv:1991",
        "ISO646-US",
        "us",
        "IBM367",
        "cp367",
        "csASCII");
    add(
        m,
        "ISO_8859-1:1987",
        "ISO-8859-1",
        "ISO-8859-1",
        "iso-ir-100",
        "ISO_8859-1",
        "latin1",
        "l1",
        "IBM819",
        "CP819",
        "csISOLatin1");
    add(
        m,
        "ISO_8859-2:1987",
        "ISO-8859-2",
        "ISO-8859-2",
        "iso-ir-101",
        "ISO_8859-2",
        "latin2",
        "l2",
        "csISOLatin2");
    add(
        m,
        "ISO_8859-3:1988",
        "ISO-8859-3",
        "ISO-8859-3",
        "iso-ir-109",
        "ISO_8859-3",
        "latin3",
        "l3",
        "csISOLatin3");
    add(
        m,
        "ISO_8859-4:1988",
        "ISO-8859-4",
        "ISO-8859-4",
        "iso-ir-110",
        "ISO_8859-4",
        "latin4",
        "l4",
        "csISOLatin4");
    add(
        m,
        "ISO_8859-5:1988",
        "ISO-8859-5",
        "ISO-8859-5",
        "iso-ir-144",
        "ISO_8859-5",
        "cyrillic",
        "csISOLatinCyrillic");
    add(
        m,
        "ISO_8859-6:1987",
        "ISO-8859-6",
        "ISO-8859-6",
        "iso-ir-127",
        "ISO_8859-6",
        "ECMA-114",
        "ASMO-708",
        "arabic",
        "csISOLatinArabic");
    add(
        m,
        "ISO_8859-7:1987",
        "ISO-8859-7",
        "ISO-8859-7",
        "iso-ir-126",
        "ISO_8859-7",
        "ELOT_928",
        "ECMA-118",
        "greek",
        "greek8",
        "csISOLatinGreek");
    add(
        m,
        "ISO_8859-8:1988",
        "ISO-8859-8",
        "ISO-8859-8",
        "iso-ir-138",
        "ISO_8859-8",
        "hebrew",
        "csISOLatinHebrew");
    add(m, "ISO_8859-8-I", "ISO-8859-8", "ISO-8859-8-I", "csISO88598I");
    add(m, "ISO-8859-13", "ISO-8859-13", "csISO885913");
    add(m, "ISO-8859-15", "ISO-8859-15", "ISO_8859-15", "Latin-9", "csISO885915");
    add(
        m,
        "ISO-8859-16",
        "ISO-8859-16",
        "iso-ir-226",
        "ISO_8859-16:2001",
        "ISO_8859-16",
        "latin10",
        "l10",
        "csISO885916");
    add(m, "KOI8-R", "KOI8-R", "csKOI8R");
    add(m, "KOI8-U", "KOI8-U", "csKOI8U");
    add(m, "macintosh", "x-MacRoman", "mac", "csMacintosh");
    add(m, "windows-874", "x-windows-874", "cswindows874");
    for (int cp = 1250; cp <= 1258; cp++) {
      add(m, "windows-" + cp, "windows-" + cp, "cswindows" + cp);
    }
    add(
        m,
        "IBM037",
        "IBM037",
        "cp037",
        "ebcdic-cp-us",
        "ebcdic-cp-ca",
        "ebcdic-cp-wt",
        "ebcdic-cp-nl",
        "csIBM037");
    add(m, "IBM437", "IBM437", "cp437", "437", "csPC8CodePage437");
    add(m, "IBM850", "IBM850", "cp850", "850", "csPC850Multilingual");
    add(m, "IBM852", "IBM852", "cp852", "852", "csPCp852");
    add(m, "IBM855", "IBM855", "cp855", "855", "csIBM855");
    add(
        m,
        "IBM00858",
        "IBM00858",
        "CCSID00858",
        "CP00858",
        "PC-Multilingual-850+euro",
        "csIBM00858");
    add(m, "IBM860", "IBM860", "cp860", "860", "csIBM860");
    add(m, "IBM862", "IBM862", "cp862", "862", "csPC862LatinHebrew");
    add(m, "IBM863", "IBM863", "cp863", "863", "csIBM863");
    add(m, "IBM865", "IBM865", "cp865", "865", "csIBM865");
    add(m, "IBM866", "IBM866", "cp866", "866", "csIBM866");
    add(m, "IBM1047", "IBM1047", "IBM-1047", "csIBM1047");
    add(m, "IBM01140", "IBM01140", "CCSID01140", "CP01140", "ebcdic-us-37+euro", "csIBM01140");
    add(m, "Shift_JIS", "Shift_JIS", "MS_Kanji", "csShiftJIS");
    add(
        m,
        "EUC-JP",
        "EUC-JP",
        "Extended_UNIX_Code_Packed_Format_for_Japanese",
        "csEUCPkdFmtJapanese");
    add(m, "ISO-2022-JP", "ISO-2022-JP", "csISO2022JP");
    add(m, "EUC-KR", "EUC-KR", "csEUCKR");
    add(m, "GBK", "GBK", "CP936", "MS936", "windows-936", "csGBK");
    add(m, "GB18030", "GB18030", "csGB18030");
    add(m, "Big5", "Big5", "csBig5");
    return Map.copyOf(m);
  }

  private static void add(Map<String, Encoding> m, String iana, String jdk, String... aliases) {
    if (!Charset.isSupported(jdk)) {
      return;
    }
    Encoding e = new Encoding(iana, Charset.forName(jdk));
    m.put(iana.toLowerCase(Locale.ROOT), e);
    for (String alias : aliases) {
      m.put(alias.toLowerCase(Locale.ROOT), e);
    }
  }
}
