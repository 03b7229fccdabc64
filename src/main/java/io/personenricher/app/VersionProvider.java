package io.personenricher.app;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import org.apache.kafka.common.utils.AppInfoParser;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code enricher --version}: the project version from the jar's Maven metadata, plus Kafka and
 * Java.
 */
final class VersionProvider implements IVersionProvider {

  private static final String POM_PROPERTIES =
      "/META-INF/maven/io.personenricher/person-enricher/pom.properties";

  @Override
  public String[] getVersion() {
    return new String[] {
      "person-enricher " + projectVersion(),
      "Kafka Streams " + AppInfoParser.getVersion() + ", Java " + System.getProperty("java.version")
    };
  }

  static String projectVersion() {
    try (InputStream in = VersionProvider.class.getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        return "(development build)";
      }
      Properties props = new Properties();
      props.load(in);
      return props.getProperty("version", "(unknown)");
    } catch (IOException e) {
      return "(unknown)";
    }
  }
}
