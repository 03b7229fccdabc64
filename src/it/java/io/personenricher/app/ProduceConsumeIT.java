package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.testutil.Broker;
import io.personenricher.testutil.SchemaRegistry;
import io.personenricher.testutil.TestDirs;
import io.personenricher.testutil.Topics;
import io.personenricher.testutil.WithKafkaInfra;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code enricher produce} then {@code enricher consume} through a real broker and a real schema
 * registry.
 */
@WithKafkaInfra
class ProduceConsumeIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Broker broker;
  private final SchemaRegistry registry;

  ProduceConsumeIT(Broker broker, SchemaRegistry registry) {
    this.broker = broker;
    this.registry = registry;
  }

  private String[] withInfra(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--set",
            "enricher.bootstrap.servers=" + broker.bootstrapServers(),
            "--set",
            "enricher.schema.registry.url=" + registry.url()));
    return all.toArray(String[]::new);
  }

  private static List<JsonNode> jsonLines(String out) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isBlank()) {
        lines.add(JSON.readTree(line));
      }
    }
    return lines;
  }

  @Test
  void aCsvRoundTripsThroughTheBrokerAndRegistryAndTheBadLineIsReportedAndSkipped()
      throws Exception {
    String topic = Topics.unique("produce-csv");
    Topics.create(broker, 2, topic);
    Path csv = TestDirs.newTempDir("produce").resolve("events.csv");
    Files.write(
        csv,
        List.of(
            "key,type,identifier,min_similarity_score,fields",
            "c1,email,jane.doe@acme.com,0.8,basic_profile;experience",
            "c2,url,https://www.linkedin.com/in/jane-doe,,",
            "c3,fax,+1 555 0100,,",
            "c4,BUSINESS_EMAIL,\"joe,jr@acme.com\",,",
            "c5,profile_url,https://www.linkedin.com/in/joe-doe,,skills"),
        StandardCharsets.UTF_8);

    CliRun produce = CliRun.of(withInfra("produce", "--topic", topic, "--file", csv.toString()));

    assertThat(produce.exitCode()).as(produce.err()).isEqualTo(ExitCodes.SOME_INPUT_SKIPPED);
    assertThat(produce.out())
        .contains("Produced 4 of 4 events to " + topic)
        .contains("skipped 1 bad line(s)");
    assertThat(produce.err()).contains("skipped line 4: type 'fax' is unknown");

    CliRun consume =
        CliRun.of(
            withInfra(
                "consume", "--topic", topic, "--from-beginning", "--max", "10", "--timeout", "5"));

    assertThat(consume.exitCode()).as(consume.err()).isZero();
    List<JsonNode> records = jsonLines(consume.out());
    assertThat(records).hasSize(4);
    assertThat(records)
        .extracting(r -> r.get("key").asText())
        .containsExactlyInAnyOrder("c1", "c2", "c4", "c5");
    JsonNode c1 =
        records.stream().filter(r -> r.get("key").asText().equals("c1")).findFirst().orElseThrow();
    assertThat(c1.get("topic").asText()).isEqualTo(topic);
    assertThat(c1.get("value").get("identifier_type").asText()).isEqualTo("BUSINESS_EMAIL");
    assertThat(c1.get("value").get("identifier").asText()).isEqualTo("jane.doe@acme.com");
    assertThat(c1.get("value").get("min_similarity_score").asDouble()).isEqualTo(0.8);
    assertThat(c1.get("value").get("fields").toString())
        .isEqualTo("[\"basic_profile\",\"experience\"]");
    JsonNode c4 =
        records.stream().filter(r -> r.get("key").asText().equals("c4")).findFirst().orElseThrow();
    assertThat(c4.get("value").get("identifier").asText()).isEqualTo("joe,jr@acme.com");
    JsonNode c5 =
        records.stream().filter(r -> r.get("key").asText().equals("c5")).findFirst().orElseThrow();
    assertThat(c5.get("value").get("identifier_type").asText())
        .isEqualTo("PROFESSIONAL_NETWORK_PROFILE_URL");
    assertThat(consume.err()).contains("Consumed 4 record(s) from " + topic);
  }

  @Test
  void aCleanJsonLinesFileExitsZeroAndConsumeStopsAtMax() throws Exception {
    String topic = Topics.unique("produce-jsonl");
    Topics.create(broker, 1, topic);
    Path jsonl = TestDirs.newTempDir("produce").resolve("events.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      lines.add(
          "{\"key\":\"j"
              + i
              + "\",\"type\":\"email\",\"identifier\":\"person"
              + i
              + "@acme.com\"}");
    }
    Files.write(jsonl, lines, StandardCharsets.UTF_8);

    CliRun produce = CliRun.of(withInfra("produce", "--topic", topic, "--file", jsonl.toString()));

    assertThat(produce.exitCode()).as(produce.err()).isZero();
    assertThat(produce.out()).contains("Produced 50 of 50 events to " + topic);

    CliRun consume =
        CliRun.of(withInfra("consume", "--topic", topic, "--from-beginning", "--max", "7"));

    assertThat(consume.exitCode()).isZero();
    List<JsonNode> records = jsonLines(consume.out());
    assertThat(records).hasSize(7);
    assertThat(records)
        .extracting(r -> r.get("key").asText())
        .containsExactly("j0", "j1", "j2", "j3", "j4", "j5", "j6");
  }

  @Test
  void consumingATopicThatDoesNotExistExitsOneAndSaysSo() {
    String topic = Topics.unique("absent");

    CliRun consume = CliRun.of(withInfra("consume", "--topic", topic, "--timeout", "1"));

    assertThat(consume.exitCode()).isEqualTo(ExitCodes.RUNTIME_FAILURE);
    assertThat(consume.err()).contains("Topic " + topic + " does not exist");
  }
}
