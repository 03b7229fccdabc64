package io.personenricher.simulator;

import static io.personenricher.simulator.SyntheticPeopleData.CITIES;
import static io.personenricher.simulator.SyntheticPeopleData.DEGREES;
import static io.personenricher.simulator.SyntheticPeopleData.FIRST;
import static io.personenricher.simulator.SyntheticPeopleData.LAST;
import static io.personenricher.simulator.SyntheticPeopleData.SCHOOLS;
import static io.personenricher.simulator.SyntheticPeopleData.SKILLS;
import static io.personenricher.simulator.SyntheticPeopleData.STUDY;
import static io.personenricher.simulator.SyntheticPeopleData.TITLES;

/**
 * The searchable facts of every indexed person as compact columns (positions in the word lists,
 * company indexes, small numbers): about 30 bytes a person, so 100k people take 3 MB and 1M take 30
 * MB. Built once from {@link SyntheticPeople#profile}, so a search sees exactly the values the
 * records carry; string values are rebuilt from the columns when a filter reads them.
 *
 * <p>Threading notes: immutable after construction.
 */
final class SearchIndex {

  private static final int MAX_PAST_JOBS = 2;

  private final int size;
  private final byte[] first;
  private final byte[] last;
  private final byte[] title;
  private final int[] company;
  private final byte[] city;
  private final byte[] school;
  private final byte[] degree;
  private final byte[] study;
  private final byte[] firstSkill;
  private final byte[] skillCount;
  private final short[] startYear;
  private final byte[] pastCount;
  private final int[] pastCompany;
  private final byte[] pastTitle;
  private final short[] connections;
  private final byte[] updatedMonth;
  private final byte[] updatedDay;

  SearchIndex(SyntheticPeople people) {
    size = people.size();
    first = new byte[size];
    last = new byte[size];
    title = new byte[size];
    company = new int[size];
    city = new byte[size];
    school = new byte[size];
    degree = new byte[size];
    study = new byte[size];
    firstSkill = new byte[size];
    skillCount = new byte[size];
    startYear = new short[size];
    pastCount = new byte[size];
    pastCompany = new int[size * MAX_PAST_JOBS];
    pastTitle = new byte[size * MAX_PAST_JOBS];
    connections = new short[size];
    updatedMonth = new byte[size];
    updatedDay = new byte[size];
    for (int i = 0; i < size; i++) {
      PersonProfile pr = people.profile(i);
      SyntheticPeople.Person p = pr.person();
      first[i] = (byte) position(FIRST, p.firstName());
      last[i] = (byte) position(LAST, p.lastName());
      title[i] = (byte) position(TITLES, p.title());
      company[i] = p.companyIndex();
      city[i] = (byte) pr.city();
      school[i] = (byte) pr.school();
      degree[i] = (byte) pr.degree();
      study[i] = (byte) pr.study();
      firstSkill[i] = (byte) pr.firstSkill();
      skillCount[i] = (byte) pr.skillCount();
      startYear[i] = (short) pr.startYear();
      pastCount[i] = (byte) pr.pastCompanies().length;
      for (int j = 0; j < pr.pastCompanies().length; j++) {
        pastCompany[i * MAX_PAST_JOBS + j] = pr.pastCompanies()[j];
        pastTitle[i * MAX_PAST_JOBS + j] = (byte) pr.pastTitles()[j];
      }
      connections[i] = (short) pr.connections();
      updatedMonth[i] = (byte) pr.updatedMonth();
      updatedDay[i] = (byte) pr.updatedDay();
    }
  }

  int size() {
    return size;
  }

  long personId(int i) {
    return 1_000_000L + i;
  }

  String firstName(int i) {
    return FIRST[first[i]];
  }

  String lastName(int i) {
    return LAST[last[i]];
  }

  String name(int i) {
    return firstName(i) + " " + lastName(i);
  }

  String title(int i) {
    return TITLES[title[i]];
  }

  String companyName(int i) {
    return SyntheticPeopleData.companyName(company[i]);
  }

  int companyId(int i) {
    return 500_000 + company[i];
  }

  /** Position {@code part} of the city row: 0 city, 1 state, 2 country, 3 continent. */
  String location(int i, int part) {
    return CITIES[city[i]][part];
  }

  String locationRaw(int i) {
    String[] c = CITIES[city[i]];
    return c[0] + ", " + c[1] + ", " + c[2];
  }

  String[] pastCompanyNames(int i) {
    String[] names = new String[pastCount[i]];
    for (int j = 0; j < names.length; j++) {
      names[j] = SyntheticPeopleData.companyName(pastCompany[i * MAX_PAST_JOBS + j]);
    }
    return names;
  }

  String[] pastTitles(int i) {
    String[] titles = new String[pastCount[i]];
    for (int j = 0; j < titles.length; j++) {
      titles[j] = TITLES[pastTitle[i * MAX_PAST_JOBS + j]];
    }
    return titles;
  }

  String school(int i) {
    return SCHOOLS[school[i]];
  }

  String degree(int i) {
    return DEGREES[degree[i]];
  }

  String fieldOfStudy(int i) {
    return STUDY[study[i]];
  }

  String[] skills(int i) {
    String[] skills = new String[skillCount[i]];
    for (int s = 0; s < skills.length; s++) {
      skills[s] = SKILLS[(firstSkill[i] + s) % SKILLS.length];
    }
    return skills;
  }

  int connections(int i) {
    return connections[i];
  }

  /** The current job's {@code start_date}. */
  String currentStartDate(int i) {
    return startYear[i] + "-01-01";
  }

  int yearsOfExperience(int i) {
    return PersonProfile.yearsOfExperience(startYear[i], pastCount[i]);
  }

  boolean recentlyChangedJobs(int i) {
    return PersonProfile.recentlyChangedJobs(startYear[i]);
  }

  String updatedAt(int i) {
    return PersonProfile.lastUpdated(updatedMonth[i], updatedDay[i]);
  }

  private static int position(String[] table, String value) {
    for (int k = 0; k < table.length; k++) {
      if (table[k].equals(value)) {
        return k;
      }
    }
    throw new IllegalStateException(value + " is not in its word list");
  }
}
