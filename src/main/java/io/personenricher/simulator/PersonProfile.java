package io.personenricher.simulator;

import static io.personenricher.simulator.SyntheticPeopleData.CITIES;
import static io.personenricher.simulator.SyntheticPeopleData.LANGUAGES;
import static io.personenricher.simulator.SyntheticPeopleData.SKILLS;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything one synthetic person's record is made of beyond {@link SyntheticPeople.Person}: the
 * draws of the record's random stream, in the order {@link SyntheticPeople#profile} makes them.
 * {@link PersonRecords} renders it as {@code person_data}; the search index keeps some of it as
 * compact columns. Table fields are positions in {@link SyntheticPeopleData}'s lists.
 *
 * @param person the identity
 * @param city position in {@code CITIES}
 * @param summarySkill position in {@code SKILLS} the summary names
 * @param secondLanguage position in {@code LANGUAGES}, or -1 for English only
 * @param updatedMonth month of {@code last_updated} (1–9, in 2026)
 * @param updatedDay day of {@code last_updated} (10–19)
 * @param connections professional-network connections
 * @param followers professional-network followers
 * @param joinedYear year joined the network
 * @param joinedMonth month joined (1–9)
 * @param developer true: has a developer-platform profile
 * @param startYear start year of the current job (2010–2023)
 * @param pastCompanies company indexes of past jobs, latest first
 * @param pastTitles positions in {@code TITLES} of the past jobs' titles
 * @param school position in {@code SCHOOLS}
 * @param degree position in {@code DEGREES}
 * @param study position in {@code STUDY}
 * @param schoolEndYear graduation year
 * @param firstSkill position in {@code SKILLS} of the first skill (the others follow cyclically)
 * @param skillCount number of skills (2–5)
 * @param personalEmail true: has a personal email
 * @param phone true: has a phone number
 * @param devFollowers developer-platform followers (0 unless {@code developer})
 * @param devRepos public repositories (0 unless {@code developer})
 * @param certified true: holds a certification
 * @param honored true: has an honor
 */
record PersonProfile(
    SyntheticPeople.Person person,
    int city,
    int summarySkill,
    int secondLanguage,
    int updatedMonth,
    int updatedDay,
    int connections,
    int followers,
    int joinedYear,
    int joinedMonth,
    boolean developer,
    int startYear,
    int[] pastCompanies,
    int[] pastTitles,
    int school,
    int degree,
    int study,
    int schoolEndYear,
    int firstSkill,
    int skillCount,
    boolean personalEmail,
    boolean phone,
    int devFollowers,
    int devRepos,
    boolean certified,
    boolean honored) {

  /**
   * The dataset's "today" for derived figures: fixed, so the same seed gives the same answers on
   * any day.
   */
  static final int REFERENCE_YEAR = 2026;

  /** The latest start year a current job can have; people who started then changed jobs lately. */
  static final int LATEST_START_YEAR = 2023;

  /** {@code basic_profile.last_updated} and {@code metadata.updated_at}. */
  String lastUpdated() {
    return lastUpdated(updatedMonth, updatedDay);
  }

  static String lastUpdated(int month, int day) {
    return "2026-0" + month + "-" + day + "T00:00:00Z";
  }

  String country() {
    return CITIES[city][2];
  }

  /** The professional-network skills, in record order. */
  List<String> skills() {
    List<String> skills = new ArrayList<>(skillCount);
    for (int s = 0; s < skillCount; s++) {
      skills.add(SKILLS[(firstSkill + s) % SKILLS.length]);
    }
    return skills;
  }

  List<String> languages() {
    return secondLanguage < 0 ? List.of("English") : List.of("English", LANGUAGES[secondLanguage]);
  }

  /**
   * {@code years_of_experience_raw} (search only; enrich's records do not carry it): whole years
   * from the first job to {@link #REFERENCE_YEAR}. Past jobs last three years each, back to back.
   */
  int yearsOfExperience() {
    return yearsOfExperience(startYear, pastCompanies.length);
  }

  static int yearsOfExperience(int startYear, int pastJobs) {
    return REFERENCE_YEAR - (startYear - 3 * pastJobs);
  }

  /** {@code recently_changed_jobs} (search only): the current job started in the latest year. */
  boolean recentlyChangedJobs() {
    return recentlyChangedJobs(startYear);
  }

  static boolean recentlyChangedJobs(int startYear) {
    return startYear == LATEST_START_YEAR;
  }
}
