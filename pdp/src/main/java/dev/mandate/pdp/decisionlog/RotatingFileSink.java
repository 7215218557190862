package dev.mandate.pdp.decisionlog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
  private BufferedOutputStream out;
  private long size;

  public RotatingFileSink(Path file, long maxBytes, int maxFiles) {
    this.file = file.toAbsolutePath();
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
  }

  @Override
  public void accept(byte[] line, int length) {
    try {
      long bytes = length + 1L;
      if (out == null) {
        open();
      }
      if (size > 0 && size + bytes > maxBytes) {
        rotate();
      }
      out.write(line, 0, length);
      out.write('\n');
      size += bytes;
    } catch (IOException e) {
      closeQuietly();
      throw new UncheckedIOException(e);
    }
  }

  private void open() throws IOException {
    Path parent = file.getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    out = new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
        StandardOpenOption.APPEND), 64 * 1024);
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
