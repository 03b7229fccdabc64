package io.personenricher.simulator;

import java.util.Locale;

/**
 * The word lists {@link SyntheticPeople} draws its people from. Their order is part of the dataset:
 * person {@code i} picks entries by position, so reordering or inserting changes who everyone is
 * (the golden test {@code SyntheticPeopleGoldenTest} catches that). Append only.
 */
final class SyntheticPeopleData {

  private SyntheticPeopleData() {}

  static final String[] FIRST = {
    "Ada", "Alan", "Alice", "Amara", "Andrea", "Arjun", "Beatriz", "Ben", "Carla", "Chen", "Chloe",
    "Daniel", "David", "Diego", "Elena", "Emma", "Farah", "Felix", "Grace", "Hana", "Hugo", "Ines",
    "Isaac", "Jade", "James", "Jana", "Kai", "Karim", "Lara", "Leo", "Lina", "Lucas", "Maya",
    "Mateo", "Mei", "Nadia", "Noah", "Olga", "Omar", "Priya", "Rafael", "Rosa", "Sam", "Sara",
    "Sofia", "Tariq", "Tom", "Uma", "Victor", "Yara", "Zoe", "Nikhil", "Aiko", "Bjorn", "Camille",
    "Dmitri", "Esther", "Finn", "Giulia", "Hiro"
  };
  static final String[] LAST = {
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
  static final String[] TITLES = {
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
  static final String[] COMPANY_A = {
    "Blue", "Bright", "Cloud", "Data", "Deep", "First", "Green", "Iron", "Lumen", "North", "Nova",
    "Open", "Quantum", "Red", "Silver", "Smart", "Solid", "Swift", "True", "Vector"
  };
  static final String[] COMPANY_B = {
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
  static final String[][] CITIES = {
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
  static final String[] SCHOOLS = {
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
  static final String[] DEGREES = {"BSc", "MSc", "BA", "MBA", "PhD"};
  static final String[] STUDY = {
    "Computer Science",
    "Economics",
    "Mathematics",
    "Physics",
    "Business Administration",
    "Design",
    "Statistics"
  };
  static final String[] SKILLS = {
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
  static final String[] LANGUAGES = {"English", "Spanish", "German", "French", "Hindi", "Japanese"};

  /** Company {@code c}'s name: two words from the lists, then a series number once they run out. */
  static String companyName(int c) {
    String base =
        COMPANY_A[c % COMPANY_A.length] + COMPANY_B[(c / COMPANY_A.length) % COMPANY_B.length];
    int series = c / (COMPANY_A.length * COMPANY_B.length);
    return series == 0 ? base : base + " " + (series + 1);
  }

  /** Company {@code c}'s email and web domain. */
  static String companyDomain(int c) {
    return companyName(c).toLowerCase(Locale.ROOT).replace(" ", "") + ".example.com";
  }
}
