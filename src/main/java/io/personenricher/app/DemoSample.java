package io.personenricher.app;

import io.personenricher.simulator.SyntheticPeople;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The demo's sample of identifier events, generated deterministically from the simulator's
 * synthetic people (same seed and size as the demo's simulator), so the matches are real matches:
 * known business emails and profile URLs (both type spellings), repeats of earlier identifiers,
 * unknown ones that will not match, emails that only resemble a person (candidates below a 0.95
 * threshold), and a few invalid events the processor dead-letters without calling the API.
 *
 * <p>The bundled {@code demo/identifiers.csv} is {@code csv(people, 300)}; a test keeps the two
 * identical. Row {@code i} depends only on the seed and the rows before it, so {@code csv(people,
 * n)} for a larger {@code n} extends the bundled file.
 */
public final class DemoSample {

  /** The bundled sample on the classpath. */
  public static final String RESOURCE = "/demo/identifiers.csv";

  public static final int BUNDLED_EVENTS = 300;
  public static final String HEADER = "key,type,identifier,min_similarity_score,fields";
  private static final long SAMPLE_SEED = 2026L;

  private DemoSample() {}

  /** The header plus {@code events} data rows. */
  public static List<String> csv(SyntheticPeople people, int events) {
    List<String> lines = new ArrayList<>(events + 1);
    lines.add(HEADER);
    List<String> earlier = new ArrayList<>();
    SplittableRandom random = new SplittableRandom(SAMPLE_SEED);
    for (int i = 0; i < events; i++) {
      String key = String.format(Locale.ROOT, "demo-%04d", i);
      int roll = random.nextInt(100);
      int person = random.nextInt(people.size());
      String row;
      if (roll < 4) {
        row =
            switch (i % 4) {
              case 0 -> "email,not-an-email-" + i + ",,";
              case 1 -> "url,https://www.linkedin.com/company/acme-" + i + ",,";
              case 2 -> "email," + people.emailOf(person) + ",1.5,";
              default -> "url," + people.profileUrlOf(person) + ",,no_such_section";
            };
      } else if (roll < 16 && !earlier.isEmpty()) {
        row = earlier.get(random.nextInt(earlier.size()));
      } else {
        row =
            switch (roll % 10) {
              case 0 -> "email," + people.unknownEmail(i) + ",,";
              case 1 -> "url," + people.unknownProfileUrl(i) + ",,";
              case 2 -> "business_email," + people.resemblingEmailOf(person) + ",0.95,";
              case 3, 4, 5 ->
                  (i % 2 == 0 ? "email," : "business_email,") + people.emailOf(person) + ",,";
              case 6 -> "profile_url," + people.profileUrlOf(person) + ",,basic_profile;experience";
              default ->
                  (i % 2 == 0 ? "url," : "profile_url,") + people.profileUrlOf(person) + ",,";
            };
        earlier.add(row);
      }
      lines.add(key + "," + row);
    }
    return lines;
  }

  /**
   * Writes the bundled file: {@code java -cp target/classes io.personenricher.app.DemoSample FILE}.
   */
  public static void main(String[] args) throws java.io.IOException {
    java.nio.file.Files.write(
        java.nio.file.Path.of(args[0]),
        csv(DemoCommand.demoPeople(), BUNDLED_EVENTS),
        java.nio.charset.StandardCharsets.UTF_8);
  }
}
