package io.personenricher.app.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/**
 * A port no socket holds right now, for a process that binds it later. Nothing reserves it: whoever
 * binds it first gets it, so a caller must be ready to pick again when its bind fails.
 */
final class FreePorts {

  private FreePorts() {}

  static int pick() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on this machine", e);
    }
  }
}
