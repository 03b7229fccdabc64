package io.personenricher.routing;

import io.personenricher.metrics.EnricherMetrics.Route;
import org.apache.kafka.common.header.Headers;

/**
 * Where encoded output records go: in the processor, {@code ProcessorContext.forward} to a sink
 * node; in tests, a list.
 */
@FunctionalInterface
public interface OutputSink {

  /**
   * @param route which output the record is
   * @param key the input record's key bytes (may be null)
   * @param value the encoded value
   * @param headers the record's headers
   */
  void forward(Route route, byte[] key, byte[] value, Headers headers);
}
