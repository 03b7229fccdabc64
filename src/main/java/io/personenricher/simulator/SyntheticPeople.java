package io.personenricher.simulator;

import static io.personenricher.simulator.SyntheticPeopleData.CITIES;
import static io.personenricher.simulator.SyntheticPeopleData.COMPANY_A;
import static io.personenricher.simulator.SyntheticPeopleData.COMPANY_B;
import static io.personenricher.simulator.SyntheticPeopleData.DEGREES;
import static io.personenricher.simulator.SyntheticPeopleData.FIRST;
import static io.personenricher.simulator.SyntheticPeopleData.LANGUAGES;
import static io.personenricher.simulator.SyntheticPeopleData.LAST;
import static io.personenricher.simulator.SyntheticPeopleData.SCHOOLS;
import static io.personenricher.simulator.SyntheticPeopleData.SKILLS;
import static io.personenricher.simulator.SyntheticPeopleData.STUDY;
import static io.personenricher.simulator.SyntheticPeopleData.TITLES;
import static io.personenricher.simulator.SyntheticPeopleData.companyDomain;
import static io.personenricher.simulator.SyntheticPeopleData.companyName;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A deterministic synthetic people dataset: person {@code i} is derived from {@code (seed, i)}
 * alone, so the dataset costs no memory per person except one compact company index (an {@code
 * int[]} of {@code size} entries, built once). The same seed and size always give the same people,
 * URLs, emails and ids.
 *
 * <p>Identifiers: the profile URL slug ends in a reversible code of the index, so a URL lookup
 * decodes the index and confirms it by regenerating the slug; a business email's domain names the
 * company, whose members are scanned. {@link #unknownProfileUrl}, {@link #unknownEmail} and {@link
 * #resemblingEmailOf} produce valid identifiers that are not in the dataset.
 *
 * <p>Not indexed: besides the {@link #size()} indexed people, which every lookup and search sees,
 * the dataset can hold {@link #notIndexedCount()} more (indexes {@code size()} and up) that only a
 * live fetch finds: their profile URLs are as valid as anyone's, {@link #findByProfileUrl} (the
 * indexed lookup) misses them and {@link #findLiveByProfileUrl} finds them. Adding them changes no
 * indexed person. Their business emails are never looked up, so they need not be unique.
 *
 * <p>Threading notes: immutable after construction; safe for any number of threads.
 */
public final class SyntheticPeople {

  /** One person's core facts; the full {@code person_data} comes from {@link #personData}. */
  public record Person(
      int index,
      long crustdataPersonId,
      String firstName,
      String lastName,
      String title,
      int companyIndex,
      String companyName,
      String companyDomain,
      String location,
      String slug,
      String profileUrl,
      String businessEmail) {

    public String name() {
      return firstName + " " + lastName;
    }
  }

  /** One candidate of an email reverse lookup. */
  public record Candidate(int index, double score) {}

  /**
   * Scrambles an index into a slug code and back; odd multiplier so the map is a bijection mod
   * 2^32.
   */
  private static final long MULTIPLIER = 0x9E3779B1L;

  private static final long INVERSE = modInverse(MULTIPLIER);
  private static final long MASK = 0xFFFF_FFFFL;
  private static final double MAX_NOT_INDEXED_FRACTION = 0.9;

  private final long seed;
  private final int size;
  private final int notIndexed;
  private final int companyCount;
  private final long scrambleKey;

  /**
   * People sorted by company (CSR layout): members of company c are {@code
   * members[offsets[c]..offsets[c+1])}.
   */
  private final int[] members;

  private final int[] offsets;
  private final Map<String, Integer> companyByDomain = new HashMap<>();

  /** {@code size} indexed people and none that only a live fetch finds. */
  public SyntheticPeople(long seed, int size) {
    this(seed, size, 0);
  }

  /**
   * {@code size} indexed people, plus as many not-indexed ones as make {@code notIndexedFraction}
   * (0 to 0.9) of all valid profile URLs.
   */
  public SyntheticPeople(long seed, int size, double notIndexedFraction) {
    if (size < 1) {
      throw new IllegalArgumentException("dataset size must be positive, got " + size);
    }
    if (!(notIndexedFraction >= 0 && notIndexedFraction <= MAX_NOT_INDEXED_FRACTION)) {
      throw new IllegalArgumentException(
          "notIndexedFraction must be within [0, 0.9], got " + notIndexedFraction);
    }
    this.seed = seed;
    this.size = size;
    // The epsilon keeps 0.1 of 9,000 + 1,000 at 1,000 despite binary fractions.
    this.notIndexed = (int) Math.floor(size * notIndexedFraction / (1 - notIndexedFraction) + 1e-9);
    this.companyCount =
        Math.max(1, Math.min(COMPANY_A.length * COMPANY_B.length * 50, size / 40 + 1));
    this.scrambleKey = new SplittableRandom(seed).nextLong() & MASK;
    for (int c = 0; c < companyCount; c++) {
      companyByDomain.put(companyDomain(c), c);
    }
    int[] counts = new int[companyCount + 1];
    for (int i = 0; i < size; i++) {
      counts[companyOf(i) + 1]++;
    }
    for (int c = 0; c < companyCount; c++) {
      counts[c + 1] += counts[c];
    }
    offsets = counts.clone();
    members = new int[size];
    int[] next = counts.clone();
    for (int i = 0; i < size; i++) {
      members[next[companyOf(i)]++] = i;
    }
  }

  /** The indexed people: every lookup and search sees them. */
  public int size() {
    return size;
  }

  /** People only a live fetch finds: indexes {@code size()} to {@code size() + this - 1}. */
  public int notIndexedCount() {
    return notIndexed;
  }

  /** Whether the indexed endpoints know person {@code index}. */
  public boolean isIndexed(int index) {
    return index >= 0 && index < size;
  }

  /** The profile URL of the {@code n}-th not-indexed person (0-based). */
  public String notIndexedProfileUrlOf(int n) {
    if (n < 0 || n >= notIndexed) {
      throw new IndexOutOfBoundsException(
          "not-indexed person " + n + " outside " + notIndexed + " of them");
    }
    return profileUrlOf(size + n);
  }

  public long seed() {
    return seed;
  }

  /**
   * Person {@code index} (0-based, below {@link #size()}, or below {@code size() +
   * notIndexedCount()} for a person only live fetches find).
   */
  public Person person(int index) {
    checkIndex(index);
    SplittableRandom r = random(index, 1);
    String first = FIRST[r.nextInt(FIRST.length)];
    String last = LAST[r.nextInt(LAST.length)];
    String title = TITLES[r.nextInt(TITLES.length)];
    String[] city = CITIES[r.nextInt(CITIES.length)];
    int company = companyOf(index);
    String slug = slugOf(index, first, last);
    return new Person(
        index,
        1_000_000L + index,
        first,
        last,
        title,
        company,
        companyName(company),
        companyDomain(company),
        city[0] + ", " + city[1] + ", " + city[2],
        slug,
        "https://www.linkedin.com/in/" + slug,
        businessEmailOf(index, first, last, company));
  }

  /** Person {@code index}'s position in {@code CITIES}: the fourth draw of {@link #person}. */
  private int cityOf(int index) {
    SplittableRandom r = random(index, 1);
    r.nextInt(FIRST.length);
    r.nextInt(LAST.length);
    r.nextInt(TITLES.length);
    return r.nextInt(CITIES.length);
  }

  /** The canonical profile URL of person {@code index}, without a trailing slash. */
  public String profileUrlOf(int index) {
    return person(index).profileUrl();
  }

  /** The business email of person {@code index}; unique within the dataset. */
  public String emailOf(int index) {
    return person(index).businessEmail();
  }

  /** A well-formed profile URL that no person in the dataset has. */
  public String unknownProfileUrl(int n) {
    return "https://www.linkedin.com/in/nobody-known-" + Integer.toUnsignedString(n) + "-x";
  }

  /** A well-formed email at an unknown domain: always answers {@code matches: []}. */
  public String unknownEmail(int n) {
    return "someone"
        + Integer.toUnsignedString(n)
        + "@unknown-"
        + Integer.toUnsignedString(n)
        + ".example";
  }

  /**
   * A mailbox that is not anyone's business email but sits at person {@code index}'s company and
   * resembles their name ({@code j.doe@...} for Jane Doe): a reverse lookup returns candidates
   * scored below 1.
   */
  public String resemblingEmailOf(int index) {
    Person p = person(index);
    return Character.toLowerCase(p.firstName().charAt(0))
        + "."
        + p.lastName().toLowerCase(Locale.ROOT)
        + "@"
        + p.companyDomain();
  }

  /**
   * The indexed person a profile URL names, after normalisation (scheme, {@code www.}, trailing
   * slash, case): what {@code /person/enrich} finds.
   */
  public Optional<Person> findByProfileUrl(String url) {
    return byProfileUrl(url, size);
  }

  /**
   * The person a profile URL names, indexed or not (what a live fetch finds), after the same
   * normalisation.
   */
  public Optional<Person> findLiveByProfileUrl(String url) {
    return byProfileUrl(url, size + notIndexed);
  }

  private Optional<Person> byProfileUrl(String url, int bound) {
    String slug = ProfileUrls.slugOf(url);
    if (slug == null) {
      return Optional.empty();
    }
    slug = slug.toLowerCase(Locale.ROOT);
    int dash = slug.lastIndexOf('-');
    if (dash < 0) {
      return Optional.empty();
    }
    long code;
    try {
      code = Long.parseLong(slug.substring(dash + 1), 36);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (code < 0 || code > MASK) {
      return Optional.empty();
    }
    long index = unscramble(code);
    if (index >= bound) {
      return Optional.empty();
    }
    Person p = person((int) index);
    return p.slug().equals(slug) ? Optional.of(p) : Optional.empty();
  }

  /** The person whose business email this is (case-insensitive), if any. */
  public Optional<Person> findByEmail(String email) {
    String lower = email.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    if (at < 0) {
      return Optional.empty();
    }
    Integer company = companyByDomain.get(lower.substring(at + 1));
    if (company == null) {
      return Optional.empty();
    }
    for (int k = offsets[company]; k < offsets[company + 1]; k++) {
      Person p = person(members[k]);
      if (p.businessEmail().equals(lower)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /**
   * Reverse lookup of an email that is not a known business email: people at the domain's company
   * whose name resembles the local part, best first, scored in (0, 0.95]. Empty for unknown
   * domains.
   */
  public List<Candidate> candidatesForEmail(String email, int maxCandidates) {
    String lower = email.toLowerCase(Locale.ROOT);
    int at = lower.lastIndexOf('@');
    if (at < 0) {
      return List.of();
    }
    Integer company = companyByDomain.get(lower.substring(at + 1));
    if (company == null) {
      return List.of();
    }
    String local = MailboxSimilarity.lettersOnly(lower.substring(0, at));
    if (local.isEmpty()) {
      return List.of();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int k = offsets[company]; k < offsets[company + 1]; k++) {
      Person p = person(members[k]);
      double similarity = MailboxSimilarity.toName(local, p.firstName(), p.lastName());
      if (similarity >= 0.5) {
        // Scaled below 1: only an exact known mailbox earns a certain match.
        candidates.add(new Candidate(p.index(), Math.round(similarity * 0.95 * 1000) / 1000.0));
      }
    }
    candidates.sort(
        Comparator.comparingDouble(Candidate::score).reversed().thenComparingInt(Candidate::index));
    return candidates.size() > maxCandidates
        ? List.copyOf(candidates.subList(0, maxCandidates))
        : candidates;
  }

  /** The complete {@code person_data} of person {@code index}: every section the API documents. */
  public ObjectNode personData(int index) {
    return PersonRecords.render(profile(index));
  }

  /**
   * Person {@code index}'s record facts. The draws happen in one fixed order on the record's own
   * stream: reordering them changes every record (the golden test guards this).
   */
  PersonProfile profile(int index) {
    Person p = person(index);
    SplittableRandom r = random(index, 2);
    int summarySkill = r.nextInt(SKILLS.length);
    int secondLanguage = r.nextBoolean() ? 1 + r.nextInt(LANGUAGES.length - 1) : -1;
    int updatedMonth = 1 + r.nextInt(9);
    int updatedDay = 10 + r.nextInt(10);
    int connections = r.nextInt(30, 501);
    int followers = r.nextInt(10, 5000);
    int joinedYear = 2005 + r.nextInt(18);
    int joinedMonth = 1 + r.nextInt(9);
    boolean developer = r.nextInt(4) == 0;
    int startYear = 2010 + r.nextInt(PersonProfile.LATEST_START_YEAR - 2010 + 1);
    int pastJobs = r.nextInt(3);
    int[] pastCompanies = new int[pastJobs];
    int[] pastTitles = new int[pastJobs];
    for (int j = 0; j < pastJobs; j++) {
      pastCompanies[j] = r.nextInt(companyCount);
      pastTitles[j] = r.nextInt(TITLES.length);
    }
    int schoolEndYear = startYear - r.nextInt(1, 4);
    int school = r.nextInt(SCHOOLS.length);
    int degree = r.nextInt(DEGREES.length);
    int study = r.nextInt(STUDY.length);
    int skillCount = 2 + r.nextInt(4);
    int firstSkill = r.nextInt(SKILLS.length);
    boolean personalEmail = r.nextInt(3) == 0;
    boolean phone = r.nextInt(4) == 0;
    int devFollowers = developer ? r.nextInt(0, 2000) : 0;
    int devRepos = developer ? r.nextInt(1, 80) : 0;
    boolean certified = r.nextInt(5) == 0;
    boolean honored = r.nextInt(10) == 0;
    return new PersonProfile(
        p,
        cityOf(index),
        summarySkill,
        secondLanguage,
        updatedMonth,
        updatedDay,
        connections,
        followers,
        joinedYear,
        joinedMonth,
        developer,
        startYear,
        pastCompanies,
        pastTitles,
        school,
        degree,
        study,
        schoolEndYear,
        firstSkill,
        skillCount,
        personalEmail,
        phone,
        devFollowers,
        devRepos,
        certified,
        honored);
  }

  private int companyOf(int index) {
    return (int) Math.floorMod(mix(seed ^ 0x5DEECE66DL, index), (long) companyCount);
  }

  private String slugOf(int index, String first, String last) {
    return first.toLowerCase(Locale.ROOT)
        + "-"
        + last.toLowerCase(Locale.ROOT)
        + "-"
        + Long.toString(scramble(index), 36);
  }

  private String businessEmailOf(int index, String first, String last, int company) {
    String base = first.toLowerCase(Locale.ROOT) + "." + last.toLowerCase(Locale.ROOT);
    // Colleagues with the same name get a number, as mail admins do: jane.doe, jane.doe2, ...
    int earlier = 0;
    for (int k = offsets[company]; k < offsets[company + 1]; k++) {
      int other = members[k];
      if (other >= index) {
        break;
      }
      SplittableRandom r = random(other, 1);
      if (FIRST[r.nextInt(FIRST.length)].equals(first)
          && LAST[r.nextInt(LAST.length)].equals(last)) {
        earlier++;
      }
    }
    return base
        + (earlier == 0 ? "" : Integer.toString(earlier + 1))
        + "@"
        + companyDomain(company);
  }

  private long scramble(long index) {
    return ((index * MULTIPLIER) & MASK) ^ scrambleKey;
  }

  private long unscramble(long code) {
    return ((code ^ scrambleKey) * INVERSE) & MASK;
  }

  private SplittableRandom random(int index, int stream) {
    return new SplittableRandom(mix(seed + stream * 0x632BE59BD9B4E019L, index));
  }

  private static long mix(long seed, long index) {
    long z = seed + index * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static long modInverse(long odd) {
    long x = odd; // Newton iteration: each step doubles the number of correct low bits.
    for (int i = 0; i < 5; i++) {
      x = (x * (2 - odd * x)) & MASK;
    }
    return x;
  }

  private void checkIndex(int index) {
    if (index < 0 || index >= size + notIndexed) {
      throw new IndexOutOfBoundsException(
          "person " + index + " outside dataset of " + size + " + " + notIndexed);
    }
  }
}
