package dev.mandate.rego.builtins;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * PEM blocks read as Go's {@code encoding/pem.Decode} reads them, because OPA's key and
 * certificate rules ("extra data after a PEM block", "no PEM block found") depend on exactly
 * where a block starts and what is left after it.
 */
final class Pem {
  private static final String BEGIN = "-----BEGIN ";
  private static final String END = "-----END ";
  private static final String DASHES = "-----";

  /** One decoded block and the text after it. */
  record Block(String type, byte[] bytes, String rest) {}

  private Pem() {}

  /**
   * The first well-formed PEM block in {@code text}, or empty when there is none. Text before
   * the block is skipped; a malformed block is skipped and the search goes on after it.
   */
  static Optional<Block> decode(String text) {
    int from = 0;
    while (true) {
      int begin = findLineStart(text, BEGIN, from);
      if (begin < 0) {
        return Optional.empty();
      }
      int typeStart = begin + BEGIN.length();
      int lineEnd = text.indexOf('\n', typeStart);
      int afterLine = lineEnd < 0 ? text.length() : lineEnd + 1;
      String typeLine = trimLineEnd(text.substring(typeStart, lineEnd < 0 ? text.length() : lineEnd));
      from = typeStart;
      if (!typeLine.endsWith(DASHES)) {
        continue;
      }
      String type = typeLine.substring(0, typeLine.length() - DASHES.length());
      String endMarker = END + type + DASHES;
      int end = findLineStart(text, endMarker, afterLine);
      if (end < 0) {
        continue;
      }
      byte[] bytes = decodeBody(text.substring(afterLine, end));
      if (bytes == null) {
        continue;
      }
      return Optional.of(new Block(type, bytes, restAfter(text, end + endMarker.length())));
    }
  }

  /** All consecutive blocks (as {@code pem.Decode} in a loop), stopping at the first non-block. */
  static List<Block> decodeAll(String text) {
    List<Block> blocks = new ArrayList<>();
    String rest = text;
    while (true) {
      Optional<Block> b = decode(rest);
      if (b.isEmpty()) {
        return blocks;
      }
      blocks.add(b.get());
      rest = b.get().rest();
    }
  }

  /** Index of {@code marker} at the start of the text or of a line, searching from {@code from}. */
  private static int findLineStart(String text, String marker, int from) {
    int i = from;
    while (true) {
      int at = text.indexOf(marker, i);
      if (at < 0) {
        return -1;
      }
      if (at == 0 || text.charAt(at - 1) == '\n') {
        return at;
      }
      i = at + 1;
    }
  }

  private static String trimLineEnd(String line) {
    int e = line.length();
    while (e > 0 && (line.charAt(e - 1) == ' ' || line.charAt(e - 1) == '\t' || line.charAt(e - 1) == '\r')) {
      e--;
    }
    return line.substring(0, e);
  }

  /** The text after the END line: trailing blanks and one line break belong to the block. */
  private static String restAfter(String text, int i) {
    int j = i;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t')) {
      j++;
    }
    if (j < text.length() && text.charAt(j) == '\r') {
      j++;
    }
    if (j < text.length() && text.charAt(j) == '\n') {
      j++;
    }
    return text.substring(j);
  }

  /**
   * Base64 body of a block. RFC 1421 header lines ("Key: value" up to a blank line) are skipped
   * as Go skips them. Null when the body is not valid base64.
   */
  private static byte[] decodeBody(String body) {
    String[] lines = body.split("\n", -1);
    int first = 0;
    if (lines.length > 0 && lines[0].contains(":")) {
      while (first < lines.length && !lines[first].strip().isEmpty()) {
        first++;
      }
    }
    StringBuilder b64 = new StringBuilder(body.length());
    for (int i = first; i < lines.length; i++) {
      for (int k = 0; k < lines[i].length(); k++) {
        char c = lines[i].charAt(k);
        if (c != ' ' && c != '\t' && c != '\r') {
          b64.append(c);
        }
      }
    }
    try {
      return Base64.getDecoder().decode(b64.toString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
