package io.personenricher.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Person Search's opaque {@code cursor} / {@code next_cursor} (spec §7): the offset of the next
 * page and a fingerprint of the query it belongs to. The dataset never changes, so the same query
 * and cursor always give the same page; a cursor from another query is refused.
 *
 * <p>Threading notes: stateless.
 */
final class SearchCursor {

  private static final String PREFIX = "v1:";

  private SearchCursor() {}

  static String encode(int offset, String queryFingerprint) {
    String plain = PREFIX + offset + ":" + Integer.toHexString(queryFingerprint.hashCode());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The offset {@code cursor} points at; 0 for none; a 400 for a foreign or broken one. */
  static int decode(String cursor, String queryFingerprint) {
    if (cursor == null) {
      return 0;
    }
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiRejection.invalidRequest("Invalid cursor.");
    }
    String[] parts = plain.split(":");
    if (parts.length != 3 || !plain.startsWith(PREFIX)) {
      throw ApiRejection.invalidRequest("Invalid cursor.");
    }
    if (!parts[2].equals(Integer.toHexString(queryFingerprint.hashCode()))) {
      throw ApiRejection.invalidRequest(
          "This cursor belongs to another query: send the same filters and sorts as the first page.");
    }
    try {
      int offset = Integer.parseInt(parts[1]);
      if (offset < 0) {
        throw new NumberFormatException();
      }
      return offset;
    } catch (NumberFormatException e) {
      throw ApiRejection.invalidRequest("Invalid cursor.");
    }
  }
}
