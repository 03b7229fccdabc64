package io.personenricher.app.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The status page's files (plain HTML, CSS and JavaScript under {@code ops/} on the classpath, plus
 * the vendored uPlot chart library), loaded once into memory. Only the files listed here are ever
 * served, so no request path can reach anything else on the classpath.
 *
 * <p>Threading notes: immutable after construction.
 */
public final class StatusPageAssets {

  /**
   * One file as served.
   *
   * @param contentType its {@code Content-Type}
   * @param body its bytes
   */
  public record Asset(String contentType, byte[] body) {}

  private static final String HTML = "text/html; charset=utf-8";
  private static final String CSS = "text/css; charset=utf-8";
  private static final String JS = "text/javascript; charset=utf-8";

  private final Map<String, Asset> byPath = new LinkedHashMap<>();

  /** Loads every file; fails when one is missing from the jar. */
  public StatusPageAssets() {
    add("/", "ops/index.html", HTML);
    add("/status.css", "ops/status.css", CSS);
    add("/status.js", "ops/status.js", JS);
    add("/vendor/uPlot.iife.min.js", "ops/vendor/uplot/uPlot.iife.min.js", JS);
    add("/vendor/uPlot.min.css", "ops/vendor/uplot/uPlot.min.css", CSS);
  }

  /** The URL paths served, {@code /} first. */
  public Iterable<String> paths() {
    return byPath.keySet();
  }

  public Optional<Asset> get(String path) {
    return Optional.ofNullable(byPath.get(path));
  }

  private void add(String path, String resource, String contentType) {
    try (InputStream in = StatusPageAssets.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the status page file " + resource + " is missing");
      }
      byPath.put(path, new Asset(contentType, in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
