package io.personenricher.app;

/** Entry point of the runnable jar. */
public final class EnricherCli {
  private EnricherCli() {}

  public static void main(String[] args) {
    System.out.println("person-enricher: commands arrive with the CLI issue");
  }
}
