package io.personenricher.app.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A port picked as free can be taken before the registry binds it (a CI run failed so: its
 * management interface met a port some other socket had taken meanwhile). These tests take the port
 * themselves, at the moment between picking and binding.
 */
class ApicurioRegistryIT {

  @TempDir Path dir;

  @Test
  void aPickedPortTakenBeforeTheRegistryBindsItIsPickedAgain() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      // The HTTP port is picked first, then the management port: the first management port is the
      // squatter's; every later pick is free.
      IntSupplier ports = sequence(FreePorts.pick(), squatter.getLocalPort());
      ApicurioRegistry.Settings settings =
          ApicurioRegistry.Settings.defaults().withLogFile(dir.resolve("registry.log"));

      try (ApicurioRegistry registry = ApicurioRegistry.start(settings, ports)) {
        HttpResponse<String> subjects =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create(registry.ccompatUrl() + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void aFixedPortThatIsTakenFailsAtOnceNamingTheConflict() throws Exception {
    try (ServerSocket squatter = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      ApicurioRegistry.Settings settings =
          ApicurioRegistry.Settings.defaults()
              .withPort(squatter.getLocalPort())
              .withLogFile(dir.resolve("registry.log"));
      int[] picks = {0};
      IntSupplier countingPorts =
          () -> {
            picks[0]++;
            return FreePorts.pick();
          };

      assertThatThrownBy(() -> ApicurioRegistry.start(settings, countingPorts))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining(
              "Port " + squatter.getLocalPort() + " seems to be in use by another process");
      assertThat(picks[0]).as("management ports picked: one start, no retry").isEqualTo(1);
    }
  }

  /** The given ports in turn, then free ones. */
  private static IntSupplier sequence(int... first) {
    Deque<Integer> queue = new ArrayDeque<>();
    for (int port : first) {
      queue.add(port);
    }
    return () -> queue.isEmpty() ? FreePorts.pick() : queue.poll();
  }
}
