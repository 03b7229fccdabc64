package io.personenricher.topology;

import io.personenricher.model.avro.DeadLetter;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Installs the processor's last line of defence in Kafka Streams' own hooks (KIP-1033 processing
 * and KIP-1034 dead-letter records from the production handler): an exception the processor did not
 * foresee becomes a dead letter with its source context, in the same transaction, instead of a dead
 * stream thread.
 *
 * <p>The handlers are instantiated by Kafka Streams from class names, so what they need (the
 * dead-letter serializer and topics) travels in the streams configuration under {@value
 * #CONTEXT_KEY}.
 */
public final class LastResortHandlers {

  /** Config key carrying the {@link Context} to the handlers' {@code configure}. */
  public static final String CONTEXT_KEY = "enricher.internal.last.resort.context";

  /** What the handlers need to write a dead letter. */
  public record Context(
      String inputTopic, String deadLetterTopic, Serializer<DeadLetter> deadLetterSerializer) {
    public Context {
      Objects.requireNonNull(inputTopic, "inputTopic");
      Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
      Objects.requireNonNull(deadLetterSerializer, "deadLetterSerializer");
    }
  }

  private LastResortHandlers() {}

  /** Sets both handlers, and their context, in {@code streamsProperties}. */
  public static void install(Properties streamsProperties, Context context) {
    streamsProperties.put(
        StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterOnProcessingError.class.getName());
    streamsProperties.put(
        StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
        DeadLetterOnProductionError.class.getName());
    streamsProperties.put(CONTEXT_KEY, context);
  }

  static Context contextFrom(Map<String, ?> configs) {
    Object context = configs.get(CONTEXT_KEY);
    if (!(context instanceof Context found)) {
      throw new IllegalStateException(
          "the last-resort exception handlers need "
              + CONTEXT_KEY
              + " in the streams configuration (see LastResortHandlers.install)");
    }
    return found;
  }
}
