package io.personenricher.simulator;

/**
 * Step 3 of spec §4.4: {@code x-api-version} must be {@value #SUPPORTED}, checked after
 * authentication and the rate window (the official n8n node: "Without it: 400 after auth passes").
 *
 * <p>Threading notes: stateless.
 */
final class VersionHeader {

  static final String SUPPORTED = "2025-11-01";

  private VersionHeader() {}

  /** Nothing, or a 400 {@code invalid_request} saying what to send. */
  static void require(String version) {
    if (version == null) {
      throw ApiRejection.invalidRequest(
          "Missing required header: x-api-version. Use x-api-version: " + SUPPORTED + ".");
    }
    if (!SUPPORTED.equals(version)) {
      throw ApiRejection.invalidRequest(
          "Unsupported x-api-version: '" + version + "'. Supported: " + SUPPORTED + ".");
    }
  }
}
