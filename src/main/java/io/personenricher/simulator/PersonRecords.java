package io.personenricher.simulator;

import static io.personenricher.simulator.SyntheticPeopleData.CITIES;
import static io.personenricher.simulator.SyntheticPeopleData.DEGREES;
import static io.personenricher.simulator.SyntheticPeopleData.SCHOOLS;
import static io.personenricher.simulator.SyntheticPeopleData.SKILLS;
import static io.personenricher.simulator.SyntheticPeopleData.STUDY;
import static io.personenricher.simulator.SyntheticPeopleData.TITLES;
import static io.personenricher.simulator.SyntheticPeopleData.companyDomain;
import static io.personenricher.simulator.SyntheticPeopleData.companyName;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Renders a {@link PersonProfile} as the complete {@code person_data} of Person Enrich: every
 * section the API documents (spec §3.3), in a fixed key order.
 *
 * <p>Threading notes: stateless.
 */
final class PersonRecords {

  private PersonRecords() {}

  static ObjectNode render(PersonProfile pr) {
    SyntheticPeople.Person p = pr.person();
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
            + SKILLS[pr.summarySkill()].toLowerCase(Locale.ROOT)
            + " at "
            + p.companyName()
            + ".");
    ObjectNode location = basic.putObject("location");
    String[] city = CITIES[pr.city()];
    location.put("raw", p.location());
    location.put("city", city[0]);
    location.put("state", city[1]);
    location.put("country", city[2]);
    location.put("continent", city[3]);
    pr.languages().forEach(basic.putArray("languages")::add);
    basic.put("last_updated", pr.lastUpdated());

    ObjectNode network = data.putObject("professional_network");
    network.put("connections", pr.connections());
    network.put("followers", pr.followers());
    network.put("joined_date", pr.joinedYear() + "-0" + pr.joinedMonth() + "-01");
    network.put("profile_picture_permalink", "https://media.example.com/p/" + p.slug() + ".jpg");

    ObjectNode social = data.putObject("social_handles");
    social.putObject("professional_network_identifier").put("profile_url", p.profileUrl());
    social
        .putObject("twitter_identifier")
        .put(
            "slug",
            p.firstName().toLowerCase(Locale.ROOT) + "_" + p.lastName().toLowerCase(Locale.ROOT));
    if (pr.developer()) {
      social
          .putObject("dev_platform_identifier")
          .put("profile_url", "https://github.com/" + p.slug());
    }

    ObjectNode employment = data.putObject("experience").putObject("employment_details");
    employment
        .putArray("current")
        .add(job(f, p.companyIndex(), p.title(), pr.startYear() + "-01-01", null, p.location()));
    ArrayNode past = employment.putArray("past");
    for (int j = 0; j < pr.pastCompanies().length; j++) {
      int from = pr.startYear() - 3 * (j + 1);
      past.add(
          job(
              f,
              pr.pastCompanies()[j],
              TITLES[pr.pastTitles()[j]],
              from + "-01-01",
              (from + 3) + "-01-01",
              p.location()));
    }

    ObjectNode school = data.putObject("education").putArray("schools").addObject();
    school.put("school", SCHOOLS[pr.school()]);
    school.put("degree", DEGREES[pr.degree()]);
    school.put("field_of_study", STUDY[pr.study()]);
    school.put("start_year", pr.schoolEndYear() - 4);
    school.put("end_year", pr.schoolEndYear());

    pr.skills().forEach(data.putObject("skills").putArray("professional_network_skills")::add);

    ObjectNode contact = data.putObject("contact");
    contact
        .putArray("business_emails")
        .addObject()
        .put("email", p.businessEmail())
        .put("status", "deliverable");
    ArrayNode personal = contact.putArray("personal_emails");
    if (pr.personalEmail()) {
      personal
          .addObject()
          .put("email", p.firstName().toLowerCase(Locale.ROOT) + "." + p.index() + "@mail.example")
          .put("status", "unknown");
    }
    ArrayNode phones = contact.putArray("phone_numbers");
    if (pr.phone()) {
      phones.add("+1555" + String.format(Locale.ROOT, "%07d", p.index() % 10_000_000));
    }
    contact.putArray("websites");

    ArrayNode dev = data.putArray("dev_platform_profiles");
    if (pr.developer()) {
      ObjectNode profile = dev.addObject();
      profile.put("name", p.name());
      profile.put("bio", "Builds things with " + SKILLS[pr.firstSkill()]);
      profile.put("followers", pr.devFollowers());
      profile.put("public_repo_count", pr.devRepos());
    }
    ArrayNode certifications = data.putArray("certifications");
    if (pr.certified()) {
      ObjectNode cert = certifications.addObject();
      cert.put("name", "Certified " + SKILLS[pr.firstSkill()] + " Professional");
      cert.put("issuing_organization", "Example Institute");
      cert.put("issue_date", (pr.startYear() + 1) + "-06-01");
    }
    ArrayNode honors = data.putArray("honors");
    if (pr.honored()) {
      honors.addObject().put("title", "Employee of the Year");
    }
    data.putObject("assessment");
    data.putArray("social_posts");
    data.putObject("metadata").put("updated_at", pr.lastUpdated());
    return data;
  }

  private static ObjectNode job(
      JsonNodeFactory f,
      int companyIndex,
      String title,
      String start,
      String end,
      String location) {
    ObjectNode job = f.objectNode();
    String company = companyName(companyIndex);
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
}
