package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.reuse.ReuseSettings;
import io.personenricher.routing.OutputLimits;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The topics an instance needs before it starts: the user's topics checked (and, when asked,
 * created), the output size limit read from them, and the application's internal topics (the quota
 * and credit ledgers, the answers topic) created where missing. Done before anything is built, so a
 * missing topic fails the start with its name and the fix rather than a stream thread later.
 */
final class StartupTopics {

  private StartupTopics() {}

  /**
   * @return the largest output record the output topics and the producer accept
   * @throws IllegalStateException when a topic is missing (naming it and the fix) or Kafka is
   *     unreachable
   */
  static OutputLimits prepare(EnricherConfig config, EnricherApp.Options options) {
    OutputLimits limits =
        TopicCheck.ensure(
            KafkaClientConfigs.admin(config),
            config.topicNames(),
            options.createTopicPartitions(),
            options.startupTimeout(),
            producerMaxRequestSize(config.streamsProperties()),
            config.searchSettings().isPresent()
                ? List.of(config.searchRequestsTopic(), config.searchResultsTopic())
                : List.of());
    Ledgers.ensureTopics(config, options.startupTimeout());
    ReuseSettings reuse = config.reuseSettings();
    if (reuse.usesBook(config.batchSettings().answerCacheTtl())) {
      TopicCheck.ensureAnswers(
          KafkaClientConfigs.admin(config),
          reuse.topic(),
          ReuseSettings.retentionMs(config.batchSettings().answerCacheTtl()),
          options.startupTimeout());
    }
    return limits;
  }

  /** The producer's {@code max.request.size}, as the pass-through settings leave it. */
  static int producerMaxRequestSize(Properties streamsProperties) {
    for (String key :
        List.of(
            StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG)) {
      Object value = streamsProperties.get(key);
      if (value != null) {
        return Integer.parseInt(value.toString().trim());
      }
    }
    return 1_048_576;
  }
}
