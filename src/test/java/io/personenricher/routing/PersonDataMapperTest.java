package io.personenricher.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.personenricher.client.PersonMatchResult;
import io.personenricher.model.avro.PersonMatch;
import org.junit.jupiter.api.Test;

class PersonDataMapperTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mapsTheDocumentedSectionsAndKeepsTheCompleteJson() throws Exception {
    JsonNode data =
        JSON.readTree(
            """
        {"crustdata_person_id": 14540,
         "basic_profile": {"name": "David Hsu", "headline": "Founder, CEO @ Retool", "current_title": "Founder, CEO",
                           "location": {"raw": "San Francisco, California, United States", "country": "United States"},
                           "languages": ["English"], "last_updated": "2025-10-01T00:00:00Z"},
         "experience": {"employment_details": {
             "current": [{"name": "Retool", "title": "CEO", "start_date": "2017-01-01", "end_date": null,
                          "crustdata_company_id": 123, "company_website_domain": "retool.com"}],
             "past": [{"company_name": "Palantir", "title": "Engineer"}]}},
         "education": {"schools": [{"school": "Oxford", "degree": "BA", "start_year": 2011, "end_year": "2014"}]},
         "skills": {"professional_network_skills": ["Startups", "Engineering"]},
         "social_handles": {"professional_network_identifier": {"profile_url": "https://www.linkedin.com/in/dvdhsu"},
                            "twitter_identifier": {"slug": "dvdhsu"}},
         "contact": {"business_emails": [{"email": "david@retool.com", "status": "deliverable"}],
                     "phone_numbers": ["+1 555"]},
         "honors": [{"title": "Rhodes"}]}
        """);

    PersonMatch match = PersonDataMapper.toPersonMatch(new PersonMatchResult(1.0, data));

    assertThat(match.getCrustdataPersonId()).isEqualTo(14540L);
    assertThat(match.getBasicProfile().getName()).isEqualTo("David Hsu");
    assertThat(match.getBasicProfile().getLocation())
        .isEqualTo("San Francisco, California, United States");
    assertThat(match.getBasicProfile().getCountry()).isEqualTo("United States");
    assertThat(match.getExperience().getCurrent())
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.getCompanyName()).isEqualTo("Retool");
              assertThat(job.getEndDate()).isNull();
              assertThat(job.getCrustdataCompanyId()).isEqualTo(123L);
            });
    assertThat(match.getExperience().getPast().get(0).getCompanyName()).isEqualTo("Palantir");
    assertThat(match.getEducation().get(0).getEndYear()).isEqualTo(2014);
    assertThat(match.getSkills()).containsExactly("Startups", "Engineering");
    assertThat(match.getSocialHandles().getTwitterSlug()).isEqualTo("dvdhsu");
    assertThat(match.getContact().getBusinessEmails().get(0).getStatus()).isEqualTo("deliverable");
    assertThat(JSON.readTree(match.getPersonDataJson())).isEqualTo(data);
  }

  @Test
  void oddlyTypedOrMissingSectionsBecomeNullsNotErrors() throws Exception {
    JsonNode data =
        JSON.readTree(
            """
        {"basic_profile": "not an object", "experience": [], "education": {"schools": "x"},
         "crustdata_person_id": "abc", "skills": {"professional_network_skills": [1, null, {"a": 1}]}}
        """);

    PersonMatch match = PersonDataMapper.toPersonMatch(new PersonMatchResult(0.5, data));

    assertThat(match.getBasicProfile()).isNull();
    assertThat(match.getExperience()).isNull();
    assertThat(match.getEducation()).isNull();
    assertThat(match.getCrustdataPersonId()).isNull();
    assertThat(match.getSkills()).containsExactly("1");
    assertThat(match.getPersonDataJson()).contains("not an object");
  }
}
