package io.personenricher.config;

import static io.personenricher.config.ConfigValidators.between;

import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Running the process: the operations HTTP port and the shutdown bound. */
public final class OperationsSection extends ConfigSection {

  public static final String HTTP_PORT = "enricher.http.port";
  public static final String SHUTDOWN_TIMEOUT_MS = "enricher.shutdown.timeout.ms";

  @Override
  String group() {
    return "Operations";
  }

  @Override
  void define(SectionKeys keys) {
    keys.define(
        HTTP_PORT,
        Type.INT,
        8080,
        between(0, 65_535, "a TCP port; 0 picks a free one"),
        Importance.MEDIUM,
        "Port of the operations endpoint: /health (liveness), /ready (readiness), /metrics (Prometheus).",
        Width.SHORT,
        "Ops HTTP port");
    keys.define(
        SHUTDOWN_TIMEOUT_MS,
        Type.LONG,
        30_000L,
        between(1_000, 3_600_000, "milliseconds"),
        Importance.MEDIUM,
        "Bound on a graceful shutdown (SIGTERM): in-flight calls finish or stay pending for the next owner. "
            + "Keep Kubernetes' terminationGracePeriodSeconds above it.",
        Width.SHORT,
        "Shutdown timeout");
  }

  static int httpPort(EnricherConfig config) {
    return config.getInt(HTTP_PORT);
  }

  static Duration shutdownTimeout(EnricherConfig config) {
    return millis(config, SHUTDOWN_TIMEOUT_MS);
  }
}
