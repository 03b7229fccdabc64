package io.personenricher.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.personenricher.config.ConfigLoader;
import io.personenricher.config.EnricherConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docker/ and deploy/ cannot run here (no Docker, no cluster), so this checks what can be checked
 * offline: they parse, every ENRICHER_* name is a real setting with a valid value, the commands
 * exist, and probes, ports and grace periods agree with the configuration.
 */
class DeploymentFilesTest {

  private static final Path DOCKER = Path.of("docker");
  private static final Path DEPLOY = Path.of("deploy");
  private static final Pattern ENV_NAME = Pattern.compile("\\bENRICHER_[A-Z0-9_]*[A-Z0-9]\\b");
  private static final Pattern COMPOSE_DEFAULT = Pattern.compile("\\$\\{([A-Z0-9_]+):-([^}]*)}");
  private final YAMLMapper yaml = new YAMLMapper();

  @Test
  void everyYamlFileParses() throws IOException {
    List<Path> files = yamlFiles();

    assertThat(files)
        .extracting(p -> p.getFileName().toString())
        .contains(
            "compose.yaml",
            "kustomization.yaml",
            "configmap.yaml",
            "secret.yaml",
            "service.yaml",
            "statefulset.yaml");
    for (Path file : files) {
      assertThat(documents(file))
          .as(file.toString())
          .isNotEmpty()
          .allSatisfy(doc -> assertThat(doc.isObject()));
    }
  }

  @Test
  void everyEnricherEnvNameInDockerAndDeployIsARealSetting() throws IOException {
    Set<String> names = new TreeSet<>();
    try (Stream<Path> files = Stream.concat(Files.walk(DOCKER), Files.walk(DEPLOY))) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        Matcher m = ENV_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          names.add(m.group());
        }
      }
    }
    Set<String> keys = EnricherConfig.definition().names();

    assertThat(names)
        .contains("ENRICHER_API_KEY", "ENRICHER_BOOTSTRAP_SERVERS", "ENRICHER_SHUTDOWN_TIMEOUT_MS");
    for (String name : names) {
      String key = name.toLowerCase(Locale.ROOT).replace('_', '.');
      assertThat(
              keys.contains(key)
                  || key.startsWith(EnricherConfig.KAFKA_PREFIX)
                  || key.startsWith(EnricherConfig.SERDE_PREFIX))
          .as("%s maps to %s, which is not a setting", name, key)
          .isTrue();
    }
  }

  @Test
  void composeProcessorEnvironmentIsAValidConfiguration() throws IOException {
    JsonNode compose = documents(DOCKER.resolve("compose.yaml")).get(0);
    JsonNode enricher = compose.path("services").path("enricher");

    EnricherConfig config = new ConfigLoader(environment(enricher)).load(null, Map.of());

    assertThat(config.streamsProperties()).containsEntry("bootstrap.servers", "kafka:9092");
    assertThat(config.serdeConfig())
        .containsEntry("schema.registry.url", "http://registry:8080/apis/ccompat/v7");
    assertThat(config.clientSettings().baseUrl().toString()).isEqualTo("http://simulator:8089");
    assertThat(enricher.path("ports").get(0).asText()).endsWith(":" + config.httpPort());
    assertThat(parseGoDuration(enricher.path("stop_grace_period").asText()))
        .isGreaterThan(config.shutdownTimeout());
  }

  @Test
  void composeCommandsAreRealCliCommands() throws IOException {
    JsonNode services = documents(DOCKER.resolve("compose.yaml")).get(0).path("services");
    Set<String> commands =
        EnricherCli.commandLine(new ConfigLoader(Map.of())).getSubcommands().keySet();

    assertThat(services.path("enricher").path("command").get(0).asText()).isEqualTo("run");
    assertThat(services.path("simulator").path("command").get(0).asText()).isEqualTo("simulator");
    assertThat(commands).contains("run", "simulator");
    assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText())
        .isEqualTo("broker,controller");
  }

  @Test
  void dockerfileRunsTheJarAsNonRootAndExposesTheOpsPort() throws IOException {
    String dockerfile = Files.readString(DOCKER.resolve("Dockerfile"), StandardCharsets.UTF_8);
    int defaultPort = new ConfigLoader(Map.of()).load(null, Map.of()).httpPort();

    assertThat(dockerfile)
        .contains("COPY target/person-enricher.jar")
        .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/person-enricher.jar\"]")
        .contains("CMD [\"run\"]")
        .contains("EXPOSE " + defaultPort)
        .containsPattern("(?m)^USER (?!root|0\\b)\\S+");
  }

  @Test
  void kubernetesConfigMapAndSecretFormAValidConfiguration() throws IOException {
    EnricherConfig config = kubernetesConfig();

    assertThat(config.requireApiKey()).isNotBlank();
    // The replicas share the key's limit through the ledger: no split by hand to get wrong.
    assertThat(config.quotaThroughKafka()).isTrue();
    assertThat(config.quotaSettings("replica").cap()).isEmpty();
  }

  @Test
  void probesPointAtHealthAndReadyOnTheConfiguredPort() throws IOException {
    JsonNode container = container();
    int port = kubernetesConfig().httpPort();

    assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health");
    assertThat(container.path("startupProbe").path("httpGet").path("path").asText())
        .isEqualTo("/health");
    assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/ready");
    for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
      String portName = container.path(probe).path("httpGet").path("port").asText();
      assertThat(containerPort(container, portName)).as(probe).isEqualTo(port);
    }
  }

  @Test
  void terminationGracePeriodExceedsTheShutdownTimeout() throws IOException {
    long graceSeconds =
        statefulSet()
            .path("spec")
            .path("template")
            .path("spec")
            .path("terminationGracePeriodSeconds")
            .asLong();

    assertThat(graceSeconds * 1000).isGreaterThan(kubernetesConfig().shutdownTimeout().toMillis());
  }

  @Test
  void serviceLinksAreOffSoKubernetesCannotInjectUnknownEnricherVariables() throws IOException {
    JsonNode podSpec = statefulSet().path("spec").path("template").path("spec");

    assertThat(podSpec.path("enableServiceLinks").isBoolean()).isTrue();
    assertThat(podSpec.path("enableServiceLinks").asBoolean()).isFalse();
  }

  @Test
  void containerHasResourceRequestsAndLimitsAndReadsConfigMapAndSecret() throws IOException {
    JsonNode container = container();

    assertThat(container.path("resources").path("requests").path("cpu").isMissingNode()).isFalse();
    assertThat(container.path("resources").path("requests").path("memory").isMissingNode())
        .isFalse();
    assertThat(container.path("resources").path("limits").path("memory").isMissingNode()).isFalse();
    List<String> sources = new ArrayList<>();
    container
        .path("envFrom")
        .forEach(
            e -> {
              sources.add(e.path("configMapRef").path("name").asText(""));
              sources.add(e.path("secretRef").path("name").asText(""));
            });
    assertThat(sources)
        .contains(
            resource("configmap.yaml").path("metadata").path("name").asText(),
            resource("secret.yaml").path("metadata").path("name").asText());
  }

  @Test
  void serviceSelectsThePodsAndExposesTheOpsPort() throws IOException {
    JsonNode service = resource("service.yaml");
    JsonNode podLabels =
        statefulSet().path("spec").path("template").path("metadata").path("labels");

    service
        .path("spec")
        .path("selector")
        .properties()
        .forEach(
            e -> assertThat(podLabels.path(e.getKey()).asText()).isEqualTo(e.getValue().asText()));
    assertThat(service.path("spec").path("ports").get(0).path("targetPort").asText())
        .isEqualTo("ops");
    assertThat(statefulSet().path("spec").path("serviceName").asText())
        .isEqualTo(service.path("metadata").path("name").asText());
  }

  @Test
  void kustomizationListsEveryManifest() throws IOException {
    JsonNode kustomization = resource("kustomization.yaml");
    List<String> listed = new ArrayList<>();
    kustomization.path("resources").forEach(r -> listed.add(r.asText()));

    assertThat(listed)
        .containsExactlyInAnyOrder(
            "configmap.yaml", "secret.yaml", "service.yaml", "statefulset.yaml");
  }

  private EnricherConfig kubernetesConfig() throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    resource("configmap.yaml")
        .path("data")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    resource("secret.yaml")
        .path("stringData")
        .properties()
        .forEach(e -> env.put(e.getKey(), e.getValue().asText()));
    container()
        .path("env")
        .forEach(e -> env.put(e.path("name").asText(), e.path("value").asText()));
    return new ConfigLoader(env).load(null, Map.of());
  }

  private JsonNode statefulSet() throws IOException {
    JsonNode sts = resource("statefulset.yaml");
    assertThat(sts.path("kind").asText()).isEqualTo("StatefulSet");
    return sts;
  }

  private JsonNode container() throws IOException {
    JsonNode containers =
        statefulSet().path("spec").path("template").path("spec").path("containers");
    assertThat(containers.size()).isEqualTo(1);
    return containers.get(0);
  }

  private static int containerPort(JsonNode container, String portNameOrNumber) {
    for (JsonNode port : container.path("ports")) {
      if (port.path("name").asText().equals(portNameOrNumber)) {
        return port.path("containerPort").asInt();
      }
    }
    return Integer.parseInt(portNameOrNumber);
  }

  private JsonNode resource(String file) throws IOException {
    List<JsonNode> docs = documents(DEPLOY.resolve(file));
    assertThat(docs).as(file).hasSize(1);
    return docs.get(0);
  }

  /** A compose service's environment with {@code ${VAR:-default}} replaced by its default. */
  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    service
        .path("environment")
        .properties()
        .forEach(
            e -> {
              Matcher m = COMPOSE_DEFAULT.matcher(e.getValue().asText());
              env.put(e.getKey(), m.replaceAll(r -> Matcher.quoteReplacement(r.group(2))));
            });
    return env;
  }

  private static Duration parseGoDuration(String text) {
    Matcher m = Pattern.compile("(\\d+)(ms|s|m)").matcher(text);
    assertThat(m.matches()).as("duration %s", text).isTrue();
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      default -> Duration.ofMinutes(n);
    };
  }

  private List<JsonNode> documents(Path file) throws IOException {
    try (MappingIterator<JsonNode> docs =
        yaml.readerFor(JsonNode.class).readValues(file.toFile())) {
      return docs.readAll();
    }
  }

  private static List<Path> yamlFiles() throws IOException {
    try (Stream<Path> files = Stream.concat(Files.walk(DOCKER), Files.walk(DEPLOY))) {
      return files
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
          .sorted()
          .toList();
    }
  }
}
