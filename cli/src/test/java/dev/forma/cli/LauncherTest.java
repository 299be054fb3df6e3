package dev.forma.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The jar's entry point: which Java it accepts, and what it says to an older one. */
class LauncherTest {
  @Test
  void anOlderJavaIsToldWhichJavaFormaNeeds() {
    assertEquals(
        "forma: Forma needs Java 21 or newer, and this is Java 17 (/usr/lib/jvm/java-17).\n"
            + "forma: run bin/forma, which finds a JDK 21 or newer by itself, or run the jar with"
            + " the\n"
            + "forma: java of one: $JAVA_HOME/bin/java -jar forma.jar, with JAVA_HOME set to a JDK"
            + " 21+.",
        Launcher.problem("17", "/usr/lib/jvm/java-17"));
    assertTrue(Launcher.problem("1.8", "/opt/java8").contains("this is Java 8 (/opt/java8)"));
  }

  @Test
  void java21AndNewerRunForma() {
    assertNull(Launcher.problem("21", "/x"));
    assertNull(Launcher.problem("25", "/x"));
    assertNull(Launcher.problem(System.getProperty("java.specification.version"), "/x"));
  }

  @Test
  void readsBothVersionForms() {
    assertEquals(8, Launcher.major("1.8"));
    assertEquals(17, Launcher.major("17"));
    assertEquals(0, Launcher.major("x"));
  }

  @Test
  void isCompiledForJava8SoThatAnOldJavaCanRunIt() throws Exception {
    try (InputStream in = Launcher.class.getResourceAsStream("Launcher.class");
        DataInputStream data = new DataInputStream(in)) {
      assertEquals(0xCAFEBABE, data.readInt());
      data.readUnsignedShort(); // minor
      assertEquals(52, data.readUnsignedShort(), "class file version of Java 8");
    }
  }
}
