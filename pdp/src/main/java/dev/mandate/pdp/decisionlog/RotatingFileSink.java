package dev.mandate.pdp.decisionlog;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends events, one per line, to a file that is rotated by size: when the next line would take
 * the file past {@code maxBytes}, {@code file} becomes {@code file.1}, {@code file.1} becomes
 * {@code file.2} and so on. At most {@code maxFiles} files exist, the live one included; the
 * oldest is deleted. Write failures are thrown so the writer can count the lost events.
 */
public final class RotatingFileSink implements DecisionLogSink {
  private final Path file;
  private final long maxBytes;
  private final int maxFiles;
  private BufferedWriter out;
  private long size;

  public RotatingFileSink(Path file, long maxBytes, int maxFiles) {
    this.file = file.toAbsolutePath();
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
  }

  @Override
  public void accept(String line) {
    try {
      long bytes = utf8Length(line) + 1;
      if (out == null) {
        open();
      }
      if (size > 0 && size + bytes > maxBytes) {
        rotate();
      }
      out.write(line);
      out.write('\n');
      size += bytes;
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException(e);
    }
  }

  /** The UTF-8 length of {@code s}, without encoding it (an unpaired surrogate encodes as '?'). */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else if (Character.isSurrogate(c)) {
        n++;
      } else {
        n += 3;
      }
    }
    return n;
  }

  private void open() throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    size = Files.size(file);
  }

  private void rotate() throws IOException {
    out.close();
    out = null;
    Files.deleteIfExists(numbered(maxFiles - 1));
    for (int i = maxFiles - 2; i >= 1; i--) {
      Path from = numbered(i);
      if (Files.exists(from)) {
        Files.move(from, numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    if (maxFiles > 1) {
      Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    } else {
      Files.delete(file);
    }
    open();
  }

  private Path numbered(int n) {
    return file.resolveSibling(file.getFileName() + "." + n);
  }

  @Override
  public void flush(boolean force) {
    if (out == null) {
      return;
    }
    try {
      out.flush();
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        out = null;
      }
    }
  }

  private void closeQuietly() {
    try {
      if (out != null) {
        out.close();
      }
    } catch (IOException ignored) {
      // Already failing; the original error is what gets reported.
    }
    out = null;
  }
}
