package dev.mandate.pdp.decisionlog;

import java.io.Writer;
import java.util.Arrays;

/**
 * A {@link Writer} that encodes what it is given as UTF-8 into a growing byte array, so an event
 * is encoded once, straight into the bytes a sink writes, and its length in bytes is known without
 * a second pass. An unpaired surrogate (possible in a string decoded from a JSON {@code \ud800}
 * escape) becomes {@code '?'}, as the JDK's UTF-8 encoder writes it.
 */
final class Utf8Buffer extends Writer {
  private byte[] bytes;
  private int length;
  /** A high surrogate seen at the end of the previous write, waiting for its low half. */
  private char pendingHigh;

  Utf8Buffer(int initialCapacity) {
    bytes = new byte[Math.max(16, initialCapacity)];
  }

  @Override
  public void write(int c) {
    put((char) c);
  }

  @Override
  public void write(char[] chars, int off, int len) {
    ensure(len);
    int end = off + len;
    int i = off;
    // ASCII, the bulk of a decision event, is copied without further checks.
    while (i < end && pendingHigh == 0) {
      char c = chars[i];
      if (c >= 0x80) {
        break;
      }
      bytes[length++] = (byte) c;
      i++;
    }
    for (; i < end; i++) {
      put(chars[i]);
    }
  }

  @Override
  public void write(String s, int off, int len) {
    for (int i = off; i < off + len; i++) {
      put(s.charAt(i));
    }
  }

  private void put(char c) {
    if (pendingHigh != 0) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        ensure(4);
        bytes[length++] = (byte) (0xF0 | (cp >> 18));
        bytes[length++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        bytes[length++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        bytes[length++] = (byte) (0x80 | (cp & 0x3F));
        return;
      }
      ensure(1);
      bytes[length++] = '?';
    }
    ensure(3);
    if (c < 0x80) {
      bytes[length++] = (byte) c;
    } else if (c < 0x800) {
      bytes[length++] = (byte) (0xC0 | (c >> 6));
      bytes[length++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      pendingHigh = c;
    } else if (Character.isLowSurrogate(c)) {
      bytes[length++] = '?';
    } else {
      bytes[length++] = (byte) (0xE0 | (c >> 12));
      bytes[length++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      bytes[length++] = (byte) (0x80 | (c & 0x3F));
    }
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  /** The bytes written so far; a trailing unpaired high surrogate is written as {@code '?'}. */
  byte[] toByteArray() {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      ensure(1);
      bytes[length++] = '?';
    }
    return Arrays.copyOf(bytes, length);
  }

  @Override
  public void flush() {}

  @Override
  public void close() {}
}
