package io.telemetra.events;

import java.util.Arrays;
import java.util.List;

/**
 * Writes one flat JSON object of the wire format straight into UTF-8 bytes, escaping exactly as
 * Jackson does. Encoding runs once per produced event, where Jackson's generator set-up and
 * per-character dispatch cost more than the rest of the producer; parsing stays with Jackson.
 */
final class WireJsonWriter {

  private static final byte[] HEX =
      "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private byte[] buf = new byte[256];
  private int len;
  private boolean first = true;

  WireJsonWriter() {
    buf[len++] = '{';
  }

  WireJsonWriter field(String name, String value) {
    name(name);
    string(value);
    return this;
  }

  WireJsonWriter field(String name, long value) {
    name(name);
    ascii(Long.toString(value));
    return this;
  }

  WireJsonWriter field(String name, List<String> values) {
    name(name);
    ensure(1);
    buf[len++] = '[';
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        ensure(1);
        buf[len++] = ',';
      }
      string(values.get(i));
    }
    ensure(1);
    buf[len++] = ']';
    return this;
  }

  byte[] finish() {
    ensure(1);
    buf[len++] = '}';
    return Arrays.copyOf(buf, len);
  }

  private void name(String name) {
    if (!first) {
      ensure(1);
      buf[len++] = ',';
    }
    first = false;
    string(name);
    ensure(1);
    buf[len++] = ':';
  }

  private void ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
  }

  private void string(String s) {
    if (s == null) {
      ascii("null");
      return;
    }
    int n = s.length();
    // At most six bytes per char (a six-character escape), plus the quotes.
    ensure(6 * n + 2);
    byte[] b = buf;
    int at = len;
    b[at++] = '"';
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        if (c >= 0x20 && c != '"' && c != '\\') {
          b[at++] = (byte) c;
        } else {
          at = escape(b, at, c);
        }
      } else if (c < 0x800) {
        b[at++] = (byte) (0xC0 | (c >> 6));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        int cp = Character.toCodePoint(c, s.charAt(++i));
        b[at++] = (byte) (0xF0 | (cp >> 18));
        b[at++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        b[at++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (cp & 0x3F));
      } else if (Character.isSurrogate(c)) {
        // An unpaired surrogate has no UTF-8 form; the escape keeps the output valid UTF-8.
        at = unicodeEscape(b, at, c);
      } else {
        b[at++] = (byte) (0xE0 | (c >> 12));
        b[at++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[at++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    b[at++] = '"';
    len = at;
  }

  private static int escape(byte[] b, int at, char c) {
    char shortForm =
        switch (c) {
          case '"' -> '"';
          case '\\' -> '\\';
          case '\b' -> 'b';
          case '\t' -> 't';
          case '\n' -> 'n';
          case '\f' -> 'f';
          case '\r' -> 'r';
          default -> 0;
        };
    if (shortForm != 0) {
      b[at++] = '\\';
      b[at++] = (byte) shortForm;
      return at;
    }
    return unicodeEscape(b, at, c);
  }

  private static int unicodeEscape(byte[] b, int at, char c) {
    b[at++] = '\\';
    b[at++] = 'u';
    b[at++] = HEX[(c >> 12) & 0xF];
    b[at++] = HEX[(c >> 8) & 0xF];
    b[at++] = HEX[(c >> 4) & 0xF];
    b[at++] = HEX[c & 0xF];
    return at;
  }

  private void ensure(int more) {
    if (len + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
    }
  }
}
