package io.personenricher.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.model.avro.BasicProfile;
import io.personenricher.model.avro.Contact;
import io.personenricher.model.avro.EmailAddress;
import io.personenricher.model.avro.Employment;
import io.personenricher.model.avro.Experience;
import io.personenricher.model.avro.PersonMatch;
import io.personenricher.model.avro.School;
import io.personenricher.model.avro.SocialHandles;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the API's {@code person_data} JSON onto the typed sections of the output contract. The one
 * place where the API's shape meets the Avro shape.
 *
 * <p>The API's section shapes are only partly documented, so every read is defensive: a missing or
 * oddly typed value becomes null, never an exception. Nothing is lost either way: the complete JSON
 * travels alongside in {@code person_data_json}.
 */
public final class PersonDataMapper {

  private PersonDataMapper() {}

  public static PersonMatch toPersonMatch(PersonMatchResult match) {
    JsonNode data =
        match.personData() == null
            ? com.fasterxml.jackson.databind.node.NullNode.getInstance()
            : match.personData();
    return PersonMatch.newBuilder()
        .setConfidenceScore(match.confidenceScore())
        .setCrustdataPersonId(longOrNull(data.get("crustdata_person_id")))
        .setBasicProfile(basicProfile(data.get("basic_profile")))
        .setExperience(experience(data.get("experience")))
        .setEducation(education(data.get("education")))
        .setSkills(skills(data.get("skills")))
        .setSocialHandles(socialHandles(data.get("social_handles")))
        .setContact(contact(data.get("contact")))
        .setPersonDataJson(data.toString())
        .build();
  }

  private static BasicProfile basicProfile(JsonNode node) {
    if (!isObject(node)) {
      return null;
    }
    JsonNode location = node.get("location");
    return BasicProfile.newBuilder()
        .setName(text(node.get("name")))
        .setFirstName(text(node.get("first_name")))
        .setLastName(text(node.get("last_name")))
        .setHeadline(text(node.get("headline")))
        .setCurrentTitle(text(node.get("current_title")))
        .setSummary(text(node.get("summary")))
        .setLocation(isObject(location) ? text(location.get("raw")) : text(location))
        .setCountry(isObject(location) ? text(location.get("country")) : null)
        .setLanguages(texts(node.get("languages")))
        .setLastUpdated(text(node.get("last_updated")))
        .build();
  }

  private static Experience experience(JsonNode node) {
    if (!isObject(node)) {
      return null;
    }
    JsonNode details = node.has("employment_details") ? node.get("employment_details") : node;
    if (!isObject(details)) {
      return null;
    }
    return Experience.newBuilder()
        .setCurrent(employments(details.get("current")))
        .setPast(employments(details.get("past")))
        .build();
  }

  private static List<Employment> employments(JsonNode node) {
    List<Employment> result = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        if (!isObject(item)) {
          continue;
        }
        JsonNode location = item.get("location");
        String companyName = text(item.get("name"));
        result.add(
            Employment.newBuilder()
                .setCompanyName(companyName != null ? companyName : text(item.get("company_name")))
                .setTitle(text(item.get("title")))
                .setStartDate(text(item.get("start_date")))
                .setEndDate(text(item.get("end_date")))
                .setLocation(isObject(location) ? text(location.get("raw")) : text(location))
                .setCrustdataCompanyId(longOrNull(item.get("crustdata_company_id")))
                .setCompanyWebsiteDomain(text(item.get("company_website_domain")))
                .setSeniorityLevel(text(item.get("seniority_level")))
                .build());
      }
    }
    return result;
  }

  private static List<School> education(JsonNode node) {
    if (!isObject(node) || node.get("schools") == null || !node.get("schools").isArray()) {
      return null;
    }
    List<School> schools = new ArrayList<>();
    for (JsonNode item : node.get("schools")) {
      if (isObject(item)) {
        schools.add(
            School.newBuilder()
                .setSchool(text(item.get("school")))
                .setDegree(text(item.get("degree")))
                .setFieldOfStudy(text(item.get("field_of_study")))
                .setStartYear(intOrNull(item.get("start_year")))
                .setEndYear(intOrNull(item.get("end_year")))
                .build());
      }
    }
    return schools;
  }

  private static List<String> skills(JsonNode node) {
    if (!isObject(node)) {
      return null;
    }
    return texts(node.get("professional_network_skills"));
  }

  private static SocialHandles socialHandles(JsonNode node) {
    if (!isObject(node)) {
      return null;
    }
    return SocialHandles.newBuilder()
        .setProfessionalNetworkProfileUrl(
            nested(node, "professional_network_identifier", "profile_url"))
        .setTwitterSlug(nested(node, "twitter_identifier", "slug"))
        .setDevPlatformProfileUrl(nested(node, "dev_platform_identifier", "profile_url"))
        .build();
  }

  private static Contact contact(JsonNode node) {
    if (!isObject(node)) {
      return null;
    }
    return Contact.newBuilder()
        .setBusinessEmails(emails(node.get("business_emails")))
        .setPersonalEmails(emails(node.get("personal_emails")))
        .setPhoneNumbers(texts(node.get("phone_numbers")))
        .setWebsites(texts(node.get("websites")))
        .build();
  }

  private static List<EmailAddress> emails(JsonNode node) {
    List<EmailAddress> result = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        String email = isObject(item) ? text(item.get("email")) : text(item);
        if (email != null) {
          result.add(new EmailAddress(email, isObject(item) ? text(item.get("status")) : null));
        }
      }
    }
    return result;
  }

  private static String nested(JsonNode node, String object, String field) {
    JsonNode inner = node.get(object);
    return isObject(inner) ? text(inner.get(field)) : null;
  }

  private static boolean isObject(JsonNode node) {
    return node != null && node.isObject();
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return null;
    }
    return node.asText();
  }

  private static List<String> texts(JsonNode node) {
    List<String> result = new ArrayList<>();
    if (node != null && node.isArray()) {
      for (JsonNode item : node) {
        String value = text(item);
        if (value != null) {
          result.add(value);
        }
      }
    }
    return result;
  }

  private static Long longOrNull(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.canConvertToLong()) {
      return node.asLong();
    }
    if (node.isTextual()) {
      try {
        return Long.parseLong(node.asText().strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  private static Integer intOrNull(JsonNode node) {
    Long value = longOrNull(node);
    return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE
        ? null
        : value.intValue();
  }
}
