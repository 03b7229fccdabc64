package io.personenricher.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SyntheticPeopleTest {

  private final SyntheticPeople people = new SyntheticPeople(7, 20_000);

  @Test
  void sameSeedAndSizeGiveTheSamePeople() {
    SyntheticPeople again = new SyntheticPeople(7, 20_000);
    for (int i : new int[] {0, 1, 999, 19_999}) {
      assertThat(again.person(i)).isEqualTo(people.person(i));
      assertThat(again.personData(i)).isEqualTo(people.personData(i));
    }
  }

  @Test
  void anotherSeedGivesOtherPeople() {
    SyntheticPeople other = new SyntheticPeople(8, 20_000);
    assertThat(other.profileUrlOf(5)).isNotEqualTo(people.profileUrlOf(5));
  }

  @Test
  void profileUrlsAndEmailsAreUniqueAcrossTheDataset() {
    SyntheticPeople small = new SyntheticPeople(3, 5_000);
    Set<String> urls = new HashSet<>();
    Set<String> emails = new HashSet<>();
    for (int i = 0; i < small.size(); i++) {
      urls.add(small.profileUrlOf(i));
      emails.add(small.emailOf(i));
    }
    assertThat(urls).hasSize(5_000);
    assertThat(emails).hasSize(5_000);
  }

  @Test
  void findsAPersonByProfileUrlWhateverTheSchemeWwwOrTrailingSlash() {
    SyntheticPeople.Person p = people.person(1234);
    String slug = p.slug();
    for (String url :
        List.of(
            p.profileUrl(),
            p.profileUrl() + "/",
            "http://www.linkedin.com/in/" + slug,
            "https://linkedin.com/in/" + slug + "/",
            "HTTPS://WWW.LINKEDIN.COM/in/" + slug.toUpperCase())) {
      assertThat(people.findByProfileUrl(url)).as(url).contains(p);
    }
  }

  @Test
  void unknownButWellFormedIdentifiersFindNobody() {
    for (int n = 0; n < 100; n++) {
      assertThat(people.findByProfileUrl(people.unknownProfileUrl(n))).isEmpty();
      assertThat(people.findByEmail(people.unknownEmail(n))).isEmpty();
      assertThat(people.candidatesForEmail(people.unknownEmail(n), 5)).isEmpty();
    }
  }

  @Test
  void findsAPersonByBusinessEmailIgnoringCase() {
    SyntheticPeople.Person p = people.person(42);
    assertThat(people.findByEmail(p.businessEmail())).contains(p);
    assertThat(people.findByEmail(p.businessEmail().toUpperCase())).contains(p);
  }

  @Test
  void aResemblingMailboxGivesCandidatesBelowOneWithThePersonAmongThem() {
    for (int i = 0; i < 50; i++) {
      String email = people.resemblingEmailOf(i);
      assertThat(people.findByEmail(email)).as(email).isEmpty();
      List<SyntheticPeople.Candidate> candidates = people.candidatesForEmail(email, 5);
      assertThat(candidates).as(email).isNotEmpty();
      assertThat(candidates).allSatisfy(c -> assertThat(c.score()).isGreaterThan(0).isLessThan(1));
      assertThat(candidates.get(0).score())
          .isGreaterThanOrEqualTo(candidates.get(candidates.size() - 1).score());
      // The person the mailbox was made from scores highest (ties with same-named colleagues
      // allowed).
      double top = candidates.get(0).score();
      int self = i;
      assertThat(candidates)
          .as(email)
          .anySatisfy(
              c -> {
                assertThat(c.index()).isEqualTo(self);
                assertThat(c.score()).isEqualTo(top);
              });
    }
  }

  @Test
  void personDataCarriesEveryDocumentedSection() {
    var data = people.personData(0);
    assertThat(data.fieldNames())
        .toIterable()
        .contains(
            "crustdata_person_id",
            "basic_profile",
            "professional_network",
            "social_handles",
            "experience",
            "education",
            "skills",
            "contact",
            "dev_platform_profiles",
            "certifications",
            "honors",
            "metadata");
    assertThat(data.at("/social_handles/professional_network_identifier/profile_url").asText())
        .isEqualTo(people.profileUrlOf(0));
    assertThat(data.at("/experience/employment_details/current/0/name").asText())
        .isEqualTo(people.person(0).companyName());
    assertThat(data.at("/contact/business_emails/0/email").asText()).isEqualTo(people.emailOf(0));
  }

  @Test
  void rejectsMalformedProfileUrls() {
    for (String bad :
        List.of(
            "https://www.linkedin.com/in/abc?trk=x",
            "https://www.linkedin.com/company/acme",
            "https://example.com/in/abc",
            "ACoAAB12345",
            "https://www.linkedin.com/in/",
            "ftp://linkedin.com/in/a",
            "https://www.linkedin.com/in/abc#frag",
            "not a url")) {
      assertThat(ProfileUrls.slugOf(bad)).as(bad).isNull();
    }
    assertThat(ProfileUrls.slugOf("https://www.linkedin.com/in/dvdhsu/")).isEqualTo("dvdhsu");
  }

  @Test
  void aFractionOfAllValidProfileUrlsIsNotIndexed() {
    SyntheticPeople withHidden = new SyntheticPeople(7, 9_000, 0.1);
    assertThat(withHidden.size()).isEqualTo(9_000);
    assertThat(withHidden.notIndexedCount()).isEqualTo(1_000);
    assertThat(new SyntheticPeople(7, 9_000).notIndexedCount()).isZero();
    assertThat(new SyntheticPeople(7, 100, 0.5).notIndexedCount()).isEqualTo(100);
  }

  @Test
  void theIndexedLookupMissesNotIndexedPeopleAndTheLiveLookupFindsEveryone() {
    SyntheticPeople withHidden = new SyntheticPeople(7, 9_000, 0.1);
    for (int n : new int[] {0, 1, 999}) {
      String url = withHidden.notIndexedProfileUrlOf(n);
      assertThat(withHidden.findByProfileUrl(url)).as(url).isEmpty();
      SyntheticPeople.Person p = withHidden.findLiveByProfileUrl(url + "/").orElseThrow();
      assertThat(p.index()).isEqualTo(9_000 + n);
      assertThat(withHidden.isIndexed(p.index())).isFalse();
      assertThat(withHidden.personData(p.index()).at("/basic_profile/name").asText())
          .isEqualTo(p.name());
    }
    String indexed = withHidden.profileUrlOf(5);
    assertThat(withHidden.findLiveByProfileUrl(indexed))
        .isEqualTo(withHidden.findByProfileUrl(indexed));
    assertThat(withHidden.findLiveByProfileUrl(withHidden.unknownProfileUrl(3))).isEmpty();
    assertThat(withHidden.findByEmail(withHidden.emailOf(9_000))).isEmpty();
  }

  @Test
  void notIndexedPeopleAreBoundedAndTheFractionToo() {
    SyntheticPeople withHidden = new SyntheticPeople(7, 100, 0.1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> withHidden.notIndexedProfileUrlOf(withHidden.notIndexedCount()))
        .isInstanceOf(IndexOutOfBoundsException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SyntheticPeople(7, 100, 0.95))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
