package io.personenricher.app;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a constructor has opened so far, closed in reverse order if it fails before {@link
 * #keepAll()}: use it as a try-with-resources around the building, so a failure half-way (an
 * invalid Kafka setting, a state directory that cannot be written) leaks no threads or sockets.
 *
 * <p>Not thread-safe: one constructor uses it on its own thread.
 */
final class CloseOnFailure implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CloseOnFailure.class);

  /** How to close one resource. */
  interface Closer<T> {
    void close(T resource) throws Exception;
  }

  private record Opened(String what, AutoCloseable close) {}

  private final Deque<Opened> opened = new ArrayDeque<>();
  private boolean kept;

  /** Registers {@code resource}, to be closed by {@code closer} if building fails; returns it. */
  <T> T add(String what, T resource, Closer<T> closer) {
    opened.push(new Opened(what, () -> closer.close(resource)));
    return resource;
  }

  /** Building succeeded: the owner closes everything from now on. */
  void keepAll() {
    kept = true;
  }

  /** Unless kept, closes what was added, last first; a failure to close is logged, not thrown. */
  @Override
  public void close() {
    if (kept) {
      return;
    }
    while (!opened.isEmpty()) {
      Opened resource = opened.pop();
      try {
        resource.close().close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Interrupted while closing the {} after a failed start", resource.what());
      } catch (Exception e) {
        log.warn("Could not close the {} after a failed start: {}", resource.what(), e.toString());
      }
    }
  }
}
