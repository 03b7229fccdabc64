package io.personenricher.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdentifiersTest {

  private static final List<String> URLS =
      List.of(
          "https://www.linkedin.com/in/dvdhsu",
          "https://www.linkedin.com/in/DvdHsu/",
          "https://linkedin.com/in/jane-doe_2",
          "http://www.linkedin.com/in/x",
          "http://linkedin.com/in/x/",
          "https://www.linkedin.com/in/",
          "https://www.linkedin.com/in//",
          "https://www.linkedin.com/in/a/b",
          "https://www.linkedin.com/in/a?x=1",
          "https://www.linkedin.com/in/a#top",
          "https://www.linkedin.com/in/caf%C3%A9",
          "https://www.linkedin.com/in/bad%zz",
          "https://www.linkedin.com/in/sp ace",
          "https://www.linkedin.com/in/" + "a".repeat(200),
          "https://www.linkedin.com/in/" + "a".repeat(201),
          "https://www.linkedin.com:443/in/a",
          "https://user@www.linkedin.com/in/a",
          "HTTPS://WWW.LINKEDIN.COM/in/a",
          "https://www.linkedin.com/company/a",
          "https://www.linkedin.co/in/a",
          "ftp://www.linkedin.com/in/a",
          "www.linkedin.com/in/a");

  @Test
  void thePlainSpellingShortcutAgreesWithTheUriParseOnEveryUrl() {
    for (String url : URLS) {
      assertThat(Identifiers.canonicalProfileUrl(url))
          .as(url)
          .isEqualTo(Identifiers.canonicalProfileUrlByUri(url));
    }
    assertThat(Identifiers.plainProfileUrl("https://www.linkedin.com/in/DvdHsu/"))
        .as("the common spelling takes the shortcut")
        .isEqualTo("linkedin.com/in/dvdhsu");
    assertThat(Identifiers.plainProfileUrl("https://www.linkedin.com/in/caf%C3%A9"))
        .as("an escape is left to the URI parse")
        .isNull();
  }
}
