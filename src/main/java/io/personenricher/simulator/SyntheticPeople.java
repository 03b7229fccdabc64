package io.personenricher.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.personenricher.text.EditDistance;
import java.net.URI;
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

  private static final String[] FIRST = {
    "Ada", "Alan", "Alice", "Amara", "Andrea", "Arjun", "Beatriz", "Ben", "Carla", "Chen", "Chloe",
    "Daniel", "David", "Diego", "Elena", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines",
    "Isaac", "Jade", "James", "Jana", "Kai", "Karim", "Lara", "Leo", "Lina", "Lucas", "Maya",
    "Mateo", "Mei", "Nadia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa", "Sam", "Sara",
    "Sofia", "Tariq", "Tom", "Uma", "Victor", "Yara", "Zoe", "Nikhil", "Aiko", "Bjorn", "Camille",
    "Dmitri", "Esther", "Finn", "Giulia", "Hiro"
  };
  private static final String[] LAST = {
    "Abbott",
    "Agarwal",
    "Bauer",
    "Becker",
    "Costa",
    "Dubois",
    "Edwards",
    "Fischer",
    "Garcia",
    "Gupta",
    "Hansen",
    "Hoffman",
    "Ibrahim",
    "Jensen",
    "Kim",
    "Kowalski",
    "Larsen",
    "Lopez",
    "Martin",
    "Meyer",
    "Nakamura",
    "Nguyen",
    "Novak",
    "Okafor",
    "Olsen",
    "Patel",
    "Petrov",
    "Quinn",
    "Rossi",
    "Santos",
    "Schmidt",
    "Silva",
    "Singh",
    "Tanaka",
    "Torres",
    "Ueda",
    "Vargas",
    "Wagner",
    "Walker",
    "Weber",
    "Xu",
    "Yamamoto",
    "Young",
    "Zhang",
    "Zimmermann",
    "Moreau",
    "Haddad",
    "Lindqvist",
    "Oconnor",
    "Reyes"
  };
  private static final String[] TITLES = {
    "Software Engineer",
    "Senior Software Engineer",
    "Staff Engineer",
    "Engineering Manager",
    "Product Manager",
    "Data Scientist",
    "Account Executive",
    "Head of Sales",
    "Marketing Manager",
    "Designer",
    "CTO",
    "CEO",
    "Founder",
    "VP Engineering",
    "Recruiter",
    "Customer Success Manager",
    "Financial Analyst",
    "Data Engineer"
  };
  private static final String[] COMPANY_A = {
    "Blue", "Bright", "Cloud", "Data", "Deep", "First", "Green", "Iron", "Lumen", "North", "Nova",
    "Open", "Quantum", "Red", "Silver", "Smart", "Solid", "Swift", "True", "Vector"
  };
  private static final String[] COMPANY_B = {
    "Analytics",
    "Bank",
    "Bio",
    "Works",
    "Labs",
    "Logic",
    "Motion",
    "Networks",
    "Retail",
    "Robotics",
    "Scale",
    "Systems",
    "Health",
    "Foods",
    "Energy",
    "Media",
    "Mobility",
    "Security",
    "Ventures",
    "Freight"
  };
  private static final String[][] CITIES = {
    {"San Francisco", "California", "United States", "North America"},
    {"New York", "New York", "United States", "North America"},
    {"Austin", "Texas", "United States", "North America"},
    {"Toronto", "Ontario", "Canada", "North America"},
    {"London", "England", "United Kingdom", "Europe"},
    {"Berlin", "Berlin", "Germany", "Europe"},
    {"Paris", "Ile-de-France", "France", "Europe"},
    {"Amsterdam", "North Holland", "Netherlands", "Europe"},
    {"Bengaluru", "Karnataka", "India", "Asia"},
    {"Singapore", "Singapore", "Singapore", "Asia"},
    {"Tokyo", "Tokyo", "Japan", "Asia"},
    {"Sydney", "New South Wales", "Australia", "Oceania"},
    {"Sao Paulo", "Sao Paulo", "Brazil", "South America"}
  };
  private static final String[] SCHOOLS = {
    "Stanford University",
    "MIT",
    "University of Toronto",
    "ETH Zurich",
    "IIT Bombay",
    "University of Oxford",
    "TU Munich",
    "University of Tokyo",
    "UC Berkeley",
    "National University of Singapore",
    "Sorbonne University"
  };
  private static final String[] DEGREES = {"BSc", "MSc", "BA", "MBA", "PhD"};
  private static final String[] STUDY = {
    "Computer Science",
    "Economics",
    "Mathematics",
    "Physics",
    "Business Administration",
    "Design",
    "Statistics"
  };
  private static final String[] SKILLS = {
    "Java",
    "Python",
    "Kafka",
    "SQL",
    "Leadership",
    "Sales",
    "Negotiation",
    "Machine Learning",
    "Go",
    "React",
    "Product Strategy",
    "Kubernetes",
    "Marketing",
    "Public Speaking",
    "Data Analysis",
    "Recruiting",
    "Rust"
  };
  private static final String[] LANGUAGES = {
    "English", "Spanish", "German", "French", "Hindi", "Japanese"
  };

  /**
   * Scrambles an index into a slug code and back; odd multiplier so the map is a bijection mod
   * 2^32.
   */
  private static final long MULTIPLIER = 0x9E3779B1L;

  private static final long INVERSE = modInverse(MULTIPLIER);
  private static final long MASK = 0xFFFF_FFFFL;

  private final long seed;
  private final int size;
  private final int companyCount;
  private final long scrambleKey;

  /**
   * People sorted by company (CSR layout): members of company c are {@code
   * members[offsets[c]..offsets[c+1])}.
   */
  private final int[] members;

  private final int[] offsets;
  private final Map<String, Integer> companyByDomain = new HashMap<>();

  public SyntheticPeople(long seed, int size) {
    if (size < 1) {
      throw new IllegalArgumentException("dataset size must be positive, got " + size);
    }
    this.seed = seed;
    this.size = size;
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

  public int size() {
    return size;
  }

  public long seed() {
    return seed;
  }

  /** Person {@code index} (0-based, below {@link #size()}). */
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
   * The person a profile URL names, after normalisation (scheme, {@code www.}, trailing slash,
   * case).
   */
  public Optional<Person> findByProfileUrl(String url) {
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
    if (index >= size) {
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
    String local = lettersOnly(lower.substring(0, at));
    if (local.isEmpty()) {
      return List.of();
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int k = offsets[company]; k < offsets[company + 1]; k++) {
      Person p = person(members[k]);
      double similarity = nameSimilarity(local, p.firstName(), p.lastName());
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
    Person p = person(index);
    SplittableRandom r = random(index, 2);
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode data = f.objectNode();
    data.put("crustdata_person_id", p.crustdataPersonId());

    ObjectNode basic = data.putObject("basic_profile");
    basic.put("name", p.name());
    basic.put("first_name", p.firstName());
    basic.put("last_name", p.lastName());
    basic.put("headline", p.title() + " at " + p.companyName());
    basic.put("current_title", p.title());
    basic.put(
        "summary",
        p.firstName()
            + " works on "
            + SKILLS[r.nextInt(SKILLS.length)].toLowerCase(Locale.ROOT)
            + " at "
            + p.companyName()
            + ".");
    ObjectNode location = basic.putObject("location");
    String[] parts = p.location().split(", ");
    location.put("raw", p.location());
    location.put("city", parts[0]);
    location.put("state", parts[1]);
    location.put("country", parts[2]);
    location.put("continent", continentOf(parts[2]));
    ArrayNode languages = basic.putArray("languages");
    languages.add("English");
    if (r.nextBoolean()) {
      languages.add(LANGUAGES[1 + r.nextInt(LANGUAGES.length - 1)]);
    }
    basic.put("last_updated", "2026-0" + (1 + r.nextInt(9)) + "-1" + r.nextInt(10) + "T00:00:00Z");

    ObjectNode network = data.putObject("professional_network");
    network.put("connections", r.nextInt(30, 501));
    network.put("followers", r.nextInt(10, 5000));
    network.put("joined_date", (2005 + r.nextInt(18)) + "-0" + (1 + r.nextInt(9)) + "-01");
    network.put("profile_picture_permalink", "https://media.example.com/p/" + p.slug() + ".jpg");

    ObjectNode social = data.putObject("social_handles");
    social.putObject("professional_network_identifier").put("profile_url", p.profileUrl());
    social
        .putObject("twitter_identifier")
        .put(
            "slug",
            p.firstName().toLowerCase(Locale.ROOT) + "_" + p.lastName().toLowerCase(Locale.ROOT));
    boolean developer = r.nextInt(4) == 0;
    if (developer) {
      social
          .putObject("dev_platform_identifier")
          .put("profile_url", "https://github.com/" + p.slug());
    }

    ObjectNode employment = data.putObject("experience").putObject("employment_details");
    int startYear = 2010 + r.nextInt(14);
    employment
        .putArray("current")
        .add(
            job(
                f,
                p.companyName(),
                p.companyIndex(),
                p.title(),
                startYear + "-01-01",
                null,
                p.location()));
    ArrayNode past = employment.putArray("past");
    int pastJobs = r.nextInt(3);
    for (int j = 0; j < pastJobs; j++) {
      int c = r.nextInt(companyCount);
      int from = startYear - 3 * (j + 1);
      past.add(
          job(
              f,
              companyName(c),
              c,
              TITLES[r.nextInt(TITLES.length)],
              from + "-01-01",
              (from + 3) + "-01-01",
              p.location()));
    }

    ArrayNode schools = data.putObject("education").putArray("schools");
    int endYear = startYear - r.nextInt(1, 4);
    ObjectNode school = schools.addObject();
    school.put("school", SCHOOLS[r.nextInt(SCHOOLS.length)]);
    school.put("degree", DEGREES[r.nextInt(DEGREES.length)]);
    school.put("field_of_study", STUDY[r.nextInt(STUDY.length)]);
    school.put("start_year", endYear - 4);
    school.put("end_year", endYear);

    ArrayNode skills = data.putObject("skills").putArray("professional_network_skills");
    int skillCount = 2 + r.nextInt(4);
    int firstSkill = r.nextInt(SKILLS.length);
    for (int s = 0; s < skillCount; s++) {
      skills.add(SKILLS[(firstSkill + s) % SKILLS.length]);
    }

    ObjectNode contact = data.putObject("contact");
    contact
        .putArray("business_emails")
        .addObject()
        .put("email", p.businessEmail())
        .put("status", "deliverable");
    ArrayNode personal = contact.putArray("personal_emails");
    if (r.nextInt(3) == 0) {
      personal
          .addObject()
          .put("email", p.firstName().toLowerCase(Locale.ROOT) + "." + index + "@mail.example")
          .put("status", "unknown");
    }
    ArrayNode phones = contact.putArray("phone_numbers");
    if (r.nextInt(4) == 0) {
      phones.add("+1555" + String.format(Locale.ROOT, "%07d", index % 10_000_000));
    }
    contact.putArray("websites");

    ArrayNode dev = data.putArray("dev_platform_profiles");
    if (developer) {
      ObjectNode profile = dev.addObject();
      profile.put("name", p.name());
      profile.put("bio", "Builds things with " + SKILLS[firstSkill]);
      profile.put("followers", r.nextInt(0, 2000));
      profile.put("public_repo_count", r.nextInt(1, 80));
    }
    ArrayNode certifications = data.putArray("certifications");
    if (r.nextInt(5) == 0) {
      ObjectNode cert = certifications.addObject();
      cert.put("name", "Certified " + SKILLS[firstSkill] + " Professional");
      cert.put("issuing_organization", "Example Institute");
      cert.put("issue_date", (startYear + 1) + "-06-01");
    }
    ArrayNode honors = data.putArray("honors");
    if (r.nextInt(10) == 0) {
      honors.addObject().put("title", "Employee of the Year");
    }
    data.putObject("assessment");
    data.putArray("social_posts");
    data.putObject("metadata").put("updated_at", basic.get("last_updated").asText());
    return data;
  }

  private static ObjectNode job(
      JsonNodeFactory f,
      String company,
      int companyIndex,
      String title,
      String start,
      String end,
      String location) {
    ObjectNode job = f.objectNode();
    job.put("name", company);
    job.put("company_name", company);
    job.put("title", title);
    job.put("start_date", start);
    if (end == null) {
      job.putNull("end_date");
    } else {
      job.put("end_date", end);
    }
    job.putObject("location").put("raw", location);
    job.put("crustdata_company_id", 500_000 + companyIndex);
    job.put("company_website_domain", companyDomain(companyIndex));
    return job;
  }

  private static String continentOf(String country) {
    for (String[] city : CITIES) {
      if (city[2].equals(country)) {
        return city[3];
      }
    }
    return "Unknown";
  }

  private int companyOf(int index) {
    return (int) Math.floorMod(mix(seed ^ 0x5DEECE66DL, index), (long) companyCount);
  }

  private static String companyName(int c) {
    String base =
        COMPANY_A[c % COMPANY_A.length] + COMPANY_B[(c / COMPANY_A.length) % COMPANY_B.length];
    int series = c / (COMPANY_A.length * COMPANY_B.length);
    return series == 0 ? base : base + " " + (series + 1);
  }

  private static String companyDomain(int c) {
    return companyName(c).toLowerCase(Locale.ROOT).replace(" ", "") + ".example.com";
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
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("person " + index + " outside dataset of " + size);
    }
  }

  private static String lettersOnly(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'a' && c <= 'z') {
        b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * Best similarity of a mailbox to the usual patterns built from a name (janedoe, jdoe, jane,
   * doejane).
   */
  static double nameSimilarity(String local, String first, String last) {
    String f = first.toLowerCase(Locale.ROOT);
    String l = last.toLowerCase(Locale.ROOT);
    String[] patterns = {f + l, f.charAt(0) + l, f, l + f, f + l.charAt(0)};
    double best = 0;
    for (String pattern : patterns) {
      int distance = levenshtein(local, pattern);
      best = Math.max(best, 1.0 - (double) distance / Math.max(local.length(), pattern.length()));
    }
    return best;
  }

  private static int levenshtein(String a, String b) {
    return EditDistance.levenshtein(a, b);
  }

  /** Profile URL syntax as the API enforces it. */
  static final class ProfileUrls {
    private ProfileUrls() {}

    /**
     * The slug of a well-formed profile URL ({@code http(s)://[www.]linkedin.com/in/<slug>[/]}, no
     * query or fragment), or null when the URL is malformed in a way the API rejects.
     */
    static String slugOf(String url) {
      URI uri;
      try {
        uri = new URI(url.trim());
      } catch (Exception e) {
        return null;
      }
      String scheme = uri.getScheme();
      String host = uri.getHost();
      if (scheme == null
          || host == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null
          || uri.getUserInfo() != null
          || uri.getPort() != -1) {
        return null;
      }
      if (!scheme.equalsIgnoreCase("https") && !scheme.equalsIgnoreCase("http")) {
        return null;
      }
      String h = host.toLowerCase(Locale.ROOT);
      if (!h.equals("linkedin.com") && !h.equals("www.linkedin.com")) {
        return null;
      }
      String path = uri.getRawPath();
      if (path == null || !path.startsWith("/in/")) {
        return null;
      }
      String slug = path.substring(4);
      if (slug.endsWith("/")) {
        slug = slug.substring(0, slug.length() - 1);
      }
      if (slug.isEmpty() || !slug.matches("[A-Za-z0-9%_.\\-]+")) {
        return null;
      }
      return slug;
    }
  }
}
