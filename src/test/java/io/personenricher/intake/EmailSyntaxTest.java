package io.personenricher.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailSyntaxTest {

  /** The pattern the validator used before: the language EmailSyntax must accept, exactly. */
  private static final Pattern ORACLE =
      Pattern.compile(
          "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}$");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "ann@acme.com",
        "a.b+c@x-y.z.io",
        "o'neil{x}@1a.de",
        "ann@acme.museum",
        "ANN@ACME.COM",
        "a@b.cd"
      })
  void acceptsAddressesOfTheSyntax(String value) {
    assertThat(EmailSyntax.isValid(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "@acme.com",
        "ann@",
        "ann",
        "ann@acme",
        "ann@acme.c",
        "ann@acme.c0m",
        ".ann@acme.com",
        "ann.@acme.com",
        "a..b@acme.com",
        "ann@-acme.com",
        "ann@acme-.com",
        "ann@acme..com",
        "ann@.acme.com",
        "ann@acme.com.",
        "ann@@acme.com",
        "ann@acme.com\n",
        "ann smith@acme.com",
        "jöran@acme.com",
        "ann@acmé.com"
      })
  void refusesEverythingElse(String value) {
    assertThat(EmailSyntax.isValid(value)).isFalse();
  }

  @Test
  void labelsAndTopLevelDomainsAreAtMostSixtyThreeCharacters() {
    assertThat(EmailSyntax.isValid("a@" + "b".repeat(63) + ".com")).isTrue();
    assertThat(EmailSyntax.isValid("a@" + "b".repeat(64) + ".com")).isFalse();
    assertThat(EmailSyntax.isValid("a@b." + "c".repeat(63))).isTrue();
    assertThat(EmailSyntax.isValid("a@b." + "c".repeat(64))).isFalse();
  }

  @Test
  void agreesWithTheRegularExpressionOnRandomStrings() {
    Random random = new Random(20261202L);
    String alphabet = "aZ09.-@_!~ é\n";
    for (int n = 0; n < 200_000; n++) {
      String value =
          n % 2 == 0 ? randomString(random, alphabet, 1 + random.nextInt(14)) : nearMiss(random);
      assertThat(EmailSyntax.isValid(value))
          .as("'%s'", value)
          .isEqualTo(ORACLE.matcher(value).matches());
    }
  }

  private static String randomString(Random random, String alphabet, int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      out.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return out.toString();
  }

  /**
   * name@label(.label)*.top with random lengths and a random character changed, dropped or added.
   */
  private static String nearMiss(Random random) {
    StringBuilder out = new StringBuilder();
    out.append(randomString(random, "ab9+.", 1 + random.nextInt(4))).append('@');
    int labels = 1 + random.nextInt(3);
    for (int i = 0; i < labels; i++) {
      int length = random.nextInt(10) == 0 ? 60 + random.nextInt(6) : 1 + random.nextInt(5);
      out.append(randomString(random, "ab1-", length)).append('.');
    }
    int top = random.nextInt(10) == 0 ? 61 + random.nextInt(5) : 1 + random.nextInt(4);
    out.append(randomString(random, "abZ", top));
    int at = random.nextInt(out.length());
    switch (random.nextInt(4)) {
      case 0 -> out.setCharAt(at, ".-@a1_ é".charAt(random.nextInt(8)));
      case 1 -> out.deleteCharAt(at);
      case 2 -> out.insert(at, ".-@a".charAt(random.nextInt(4)));
      default -> {}
    }
    return out.toString();
  }
}
