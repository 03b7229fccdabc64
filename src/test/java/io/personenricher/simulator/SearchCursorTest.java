package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class SearchCursorTest {

  @Test
  void aCursorRoundTripsItsOffsetForTheSameQuery() {
    String cursor = SearchCursor.encode(40, "query-a");
    assertThat(SearchCursor.decode(cursor, "query-a")).isEqualTo(40);
    assertThat(SearchCursor.encode(40, "query-a")).as("stable").isEqualTo(cursor);
    assertThat(SearchCursor.decode(null, "query-a")).isZero();
  }

  @Test
  void aCursorOfAnotherQueryOrGarbageIs400() {
    String cursor = SearchCursor.encode(40, "query-a");
    assertThat(status(cursor, "query-b")).isEqualTo(400);
    assertThat(status("%%%", "query-a")).isEqualTo(400);
    assertThat(status(Base64.getUrlEncoder().encodeToString("v1:x".getBytes()), "query-a"))
        .isEqualTo(400);
    String negative =
        Base64.getUrlEncoder()
            .encodeToString(("v1:-5:" + Integer.toHexString("query-a".hashCode())).getBytes());
    assertThat(status(negative, "query-a")).isEqualTo(400);
  }

  private static int status(String cursor, String query) {
    return catchThrowableOfType(ApiRejection.class, () -> SearchCursor.decode(cursor, query))
        .answer()
        .status();
  }
}
