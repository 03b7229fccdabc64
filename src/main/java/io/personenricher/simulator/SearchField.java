package io.personenricher.simulator;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The filterable fields of Person Search (spec §7) that the synthetic people carry, each with its
 * value type and how to read its values from the {@link SearchIndex}. A field inside an array
 * ({@code experience.employment_details.current.title}, {@code skills.professional_network_skills})
 * has several values; a condition holds when any of them satisfies it (and, for the negative
 * operators, when none does).
 */
enum SearchField {
  NAME("basic_profile.name", Type.TEXT, (x, i) -> text(x.name(i))),
  FIRST_NAME("basic_profile.first_name", Type.TEXT, (x, i) -> text(x.firstName(i))),
  LAST_NAME("basic_profile.last_name", Type.TEXT, (x, i) -> text(x.lastName(i))),
  HEADLINE(
      "basic_profile.headline", Type.TEXT, (x, i) -> text(x.title(i) + " at " + x.companyName(i))),
  BASIC_CURRENT_TITLE("basic_profile.current_title", Type.TEXT, (x, i) -> text(x.title(i))),
  LOCATION("basic_profile.location.raw", Type.TEXT, (x, i) -> text(x.locationRaw(i))),
  CITY("basic_profile.location.city", Type.TEXT, (x, i) -> text(x.location(i, 0))),
  STATE("basic_profile.location.state", Type.TEXT, (x, i) -> text(x.location(i, 1))),
  COUNTRY("basic_profile.location.country", Type.TEXT, (x, i) -> text(x.location(i, 2))),
  CONTINENT("basic_profile.location.continent", Type.TEXT, (x, i) -> text(x.location(i, 3))),
  CURRENT_TITLE(
      "experience.employment_details.current.title", Type.TEXT, (x, i) -> text(x.title(i))),
  CURRENT_COMPANY(
      "experience.employment_details.current.company_name",
      Type.TEXT,
      (x, i) -> text(x.companyName(i))),
  CURRENT_START_DATE(
      "experience.employment_details.current.start_date",
      Type.DATE,
      (x, i) -> text(x.currentStartDate(i))),
  PAST_TITLE("experience.employment_details.past.title", Type.TEXT, (x, i) -> x.pastTitles(i)),
  PAST_COMPANY(
      "experience.employment_details.past.company_name",
      Type.TEXT,
      (x, i) -> x.pastCompanyNames(i)),
  ANY_TITLE(
      "experience.employment_details.title",
      Type.TEXT,
      (x, i) -> prepend(x.title(i), x.pastTitles(i))),
  ANY_COMPANY(
      "experience.employment_details.company_name",
      Type.TEXT,
      (x, i) -> prepend(x.companyName(i), x.pastCompanyNames(i))),
  SCHOOL("education.schools.school", Type.TEXT, (x, i) -> text(x.school(i))),
  DEGREE("education.schools.degree", Type.TEXT, (x, i) -> text(x.degree(i))),
  FIELD_OF_STUDY("education.schools.field_of_study", Type.TEXT, (x, i) -> text(x.fieldOfStudy(i))),
  SKILLS("skills.professional_network_skills", Type.TEXT, (x, i) -> x.skills(i)),
  CONNECTIONS(
      "professional_network.connections",
      Type.NUMBER,
      (x, i) -> new Object[] {(double) x.connections(i)}),
  YEARS_OF_EXPERIENCE(
      "years_of_experience_raw",
      Type.NUMBER,
      (x, i) -> new Object[] {(double) x.yearsOfExperience(i)}),
  RECENTLY_CHANGED_JOBS(
      "recently_changed_jobs", Type.BOOLEAN, (x, i) -> new Object[] {x.recentlyChangedJobs(i)}),
  UPDATED_AT("metadata.updated_at", Type.DATE, (x, i) -> text(x.updatedAt(i)));

  /**
   * How values compare: text ignoring case, numbers as numbers, ISO dates on the value's length (so
   * {@code "2026-03-01"} compares with the day of a timestamp), booleans only for equality.
   */
  enum Type {
    TEXT,
    NUMBER,
    BOOLEAN,
    DATE
  }

  /** Reads one field's values of one person. */
  @FunctionalInterface
  interface Reader {
    /** Strings for TEXT and DATE, Doubles for NUMBER, Booleans for BOOLEAN. */
    Object[] values(SearchIndex index, int person);
  }

  /** Returned in every profile, but the API refuses it as a filter: use enrich for URL lookups. */
  static final String PROFILE_URL = "social_handles.professional_network_identifier.profile_url";

  private final String path;
  private final Type type;
  private final Reader reader;

  SearchField(String path, Type type, Reader reader) {
    this.path = path;
    this.type = type;
    this.reader = reader;
  }

  String path() {
    return path;
  }

  Type type() {
    return type;
  }

  Object[] values(SearchIndex index, int person) {
    return reader.values(index, person);
  }

  static Optional<SearchField> named(String path) {
    return Arrays.stream(values()).filter(f -> f.path.equals(path)).findFirst();
  }

  /** Every supported path, in declaration order. */
  static List<String> paths() {
    return Arrays.stream(values()).map(SearchField::path).toList();
  }

  private static Object[] text(String value) {
    return new Object[] {value};
  }

  private static Object[] prepend(String first, String[] rest) {
    return Stream.concat(Stream.of(first), Arrays.stream(rest)).toArray();
  }
}
