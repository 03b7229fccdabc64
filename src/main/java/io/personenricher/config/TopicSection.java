package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.nonBlank;

import io.personenricher.topology.TopicNames;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * The four topics: the input, the two outputs and the dead-letter topic; builds {@link TopicNames}.
 */
public final class TopicSection extends ConfigSection {

  public static final String TOPIC_INPUT = "enricher.topic.input";
  public static final String TOPIC_ENRICHED = "enricher.topic.enriched";
  public static final String TOPIC_UNMATCHED = "enricher.topic.unmatched";
  public static final String TOPIC_DEAD_LETTER = "enricher.topic.dead.letter";

  @Override
  String group() {
    return "Topics";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        TOPIC_INPUT,
        Type.STRING,
        "person.identifiers",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Input topic of identifier events (Avro IdentifierEvent). Its partition count bounds the useful "
            + "parallelism: replicas × stream threads beyond it sit idle.",
        Width.MEDIUM,
        "Input topic");
    keys.define(
        TOPIC_ENRICHED,
        Type.STRING,
        "person.enriched",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Output topic for identifiers that matched a person (Avro EnrichedPerson).",
        Width.MEDIUM,
        "Enriched topic");
    keys.define(
        TOPIC_UNMATCHED,
        Type.STRING,
        "person.unmatched",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Output topic for identifiers with no match at or above the confidence threshold (Avro "
            + "UnmatchedIdentifier).",
        Width.MEDIUM,
        "Unmatched topic");
    keys.define(
        TOPIC_DEAD_LETTER,
        Type.STRING,
        "person.enrich.dlq",
        nonBlank("a topic name"),
        Importance.HIGH,
        "Dead-letter topic: events that cannot be enriched (invalid identifier, retries exhausted), with "
            + "source offset, error class and attempts (Avro DeadLetter). Alert on its rate.",
        Width.MEDIUM,
        "Dead-letter topic");
  }

  static TopicNames topicNames(EnricherConfig config) {
    return new TopicNames(
        config.getString(TOPIC_INPUT),
        config.getString(TOPIC_ENRICHED),
        config.getString(TOPIC_UNMATCHED),
        config.getString(TOPIC_DEAD_LETTER));
  }
}
