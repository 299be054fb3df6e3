package dev.forma.cli;

import java.lang.reflect.InvocationTargetException;

/**
 * The jar's entry point ({@code java -jar forma.jar}): compiled for Java 8 (a separate compiler
 * execution in cli/pom.xml, so it must use nothing newer), it checks that the Java running it is
 * one Forma can run on and says which one is needed when it is not, instead of the JVM's
 * UnsupportedClassVersionError; then it runs {@link Main}. Main is called by name, as it is
 * compiled for a newer Java than this class.
 */
public final class Launcher {
  /** The oldest Java Forma runs on. */
  static final int NEEDED = 21;

  private Launcher() {}

  public static void main(String[] args) throws Throwable {
    String problem =
        problem(System.getProperty("java.specification.version"), System.getProperty("java.home"));
    if (problem != null) {
      System.err.println(problem);
      System.exit(1);
    }
    try {
      Class.forName("dev.forma.cli.Main")
          .getMethod("main", String[].class)
          .invoke(null, (Object) args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /**
   * What to tell the user when the Java of {@code specificationVersion} ({@code 1.8}, {@code 17},
   * ...) at {@code javaHome} is too old for Forma; null when it is new enough.
   */
  static String problem(String specificationVersion, String javaHome) {
    int major = major(specificationVersion);
    if (major >= NEEDED) {
      return null;
    }
    return "forma: Forma needs Java "
        + NEEDED
        + " or newer, and this is Java "
        + (major > 0 ? String.valueOf(major) : specificationVersion)
        + " ("
        + javaHome
        + ").\n"
        + "forma: run bin/forma, which finds a JDK "
        + NEEDED
        + " or newer by itself, or run the jar with the\n"
        + "forma: java of one: $JAVA_HOME/bin/java -jar forma.jar, with JAVA_HOME set to a JDK "
        + NEEDED
        + "+.";
  }

  /** 8 for "1.8", 17 for "17"; 0 when the text is not a version. */
  static int major(String specificationVersion) {
    if (specificationVersion == null) {
      return 0;
    }
    String v =
        specificationVersion.startsWith("1.")
            ? specificationVersion.substring(2)
            : specificationVersion;
    int end = 0;
    while (end < v.length() && Character.isDigit(v.charAt(end))) {
      end++;
    }
    return end == 0 ? 0 : Integer.parseInt(v.substring(0, end));
  }
}
