package io.personenricher.app;

import io.personenricher.config.EnricherConfig;
import io.personenricher.model.avro.PersonSearchRequest;
import io.personenricher.model.avro.PersonSearchResult;
import io.personenricher.model.avro.SearchFilter;
import io.personenricher.model.avro.SearchSort;
import io.personenricher.search.SearchFilterJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code enricher search}: put one Person Search request on the search requests topic, and
 * optionally wait for its result.
 */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Put a Person Search request (Avro PersonSearchRequest) on enricher.topic.search.requests: the"
          + " running enricher (enricher.search.enabled=true) follows its pages, enriches every person"
          + " found and writes one PersonSearchResult to enricher.topic.search.results.",
      "Exit 0 when the request was sent (and, with --wait, its search COMPLETED), 1 when the send"
          + " failed, the search FAILED or no result came in time."
    })
final class SearchCommand implements Callable<Integer> {

  @ParentCommand EnricherCli parent;

  @Spec CommandSpec spec;

  @Mixin ConfigOptions configOptions;

  @Option(
      names = "--filters",
      paramLabel = "JSON",
      required = true,
      description =
          "The filter tree as the API takes it, e.g. '{\"field\":"
              + "\"experience.employment_details.current.title\",\"type\":\"(.)\",\"value\":\"VP\"}'"
              + " or '{\"op\":\"and\",\"conditions\":[...]}'.")
  String filters;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "The most people to find and enrich (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(
      names = "--id",
      paramLabel = "ID",
      description =
          "The request id (default: a random UUID); every output of the search carries it.")
  String requestId;

  @Option(
      names = "--sort",
      paramLabel = "FIELD[:asc|desc]",
      description = "A sort key, repeatable, e.g. basic_profile.name:asc.")
  List<String> sorts = new ArrayList<>();

  @Option(
      names = "--fields",
      paramLabel = "A,B",
      split = ",",
      description = "person_data sections to request when enriching each person found.")
  List<String> fields;

  @Option(
      names = "--wait",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "Wait this long for the search's result and print it (0: do not wait).")
  long waitSeconds;

  @Override
  public Integer call() {
    EnricherConfig config = configOptions.load(parent.configLoader());
    PersonSearchRequest request = request();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    SearchRequestSender sender = new SearchRequestSender(config);
    try {
      SearchRequestSender.Sent sent = sender.send(request, Duration.ofSeconds(waitSeconds));
      out.println(
          "Sent search "
              + request.getRequestId()
              + " (limit "
              + request.getLimit()
              + ") to "
              + config.searchRequestsTopic());
      if (waitSeconds <= 0) {
        out.flush();
        return ExitCodes.OK;
      }
      if (sent.result().isEmpty()) {
        err.println(
            "No result for search "
                + request.getRequestId()
                + " on "
                + config.searchResultsTopic()
                + " within "
                + waitSeconds
                + " s: is an enricher running with enricher.search.enabled=true?");
        err.flush();
        return ExitCodes.RUNTIME_FAILURE;
      }
      PersonSearchResult result = sent.result().get();
      out.println(describe(result));
      out.flush();
      return result.getStatus().name().equals("COMPLETED")
          ? ExitCodes.OK
          : ExitCodes.RUNTIME_FAILURE;
    } catch (RuntimeException e) {
      err.println("search failed: " + e.getMessage());
      err.flush();
      return ExitCodes.RUNTIME_FAILURE;
    }
  }

  private PersonSearchRequest request() {
    SearchFilter tree;
    try {
      tree = SearchFilterJson.parse(filters);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--filters: " + e.getMessage());
    }
    List<SearchSort> sortKeys = new ArrayList<>();
    for (String sort : sorts) {
      String[] parts = sort.split(":", 2);
      sortKeys.add(new SearchSort(parts[0], parts.length > 1 ? parts[1] : "asc"));
    }
    return PersonSearchRequest.newBuilder()
        .setRequestId(requestId != null ? requestId : UUID.randomUUID().toString())
        .setFilters(tree)
        .setLimit(limit)
        .setSorts(sortKeys)
        .setFields(fields)
        .setMetadata(Map.of("source", "enricher-search-cli"))
        .build();
  }

  static String describe(PersonSearchResult result) {
    StringBuilder text =
        new StringBuilder()
            .append("Search ")
            .append(result.getRequest().getRequestId())
            .append(' ')
            .append(result.getStatus())
            .append(": ")
            .append(result.getReturned())
            .append(" found of ")
            .append(result.getTotalCount() == null ? "?" : result.getTotalCount())
            .append(" matching, ")
            .append(result.getPages())
            .append(" page(s)");
    if (result.getCreditsUsed() != null) {
      text.append(", ").append(result.getCreditsUsed()).append(" credits");
    }
    if (result.getErrorMessage() != null) {
      text.append(" - ")
          .append(result.getErrorClass())
          .append(": ")
          .append(result.getErrorMessage());
    }
    result
        .getProfileUrls()
        .forEach(url -> text.append(System.lineSeparator()).append("  ").append(url));
    return text.toString();
  }
}
