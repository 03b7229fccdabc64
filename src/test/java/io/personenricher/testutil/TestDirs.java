package io.personenricher.testutil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary directories under target/, so a failed run leaves its state where it can be inspected.
 */
public final class TestDirs {

  private TestDirs() {}

  public static Path newTempDir(String prefix) {
    try {
      Path base = Path.of("target", "test-state");
      Files.createDirectories(base);
      return Files.createTempDirectory(base, prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
