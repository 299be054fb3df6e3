package dev.forma.engine.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Resource names for adopted objects: valid, readable, and the same whatever the list order. */
class AdoptionNamesTest {
  private static final String T = "alicloud_pai_workspace_connection";

  @Test
  void namesAreTheObjectsOwnNamesAsLowerCaseIdentifiers() {
    assertEquals(
        Map.of("c1", "vectors_42", "c2", "qwen_chat", "c3", "connection_9_lives"),
        AdoptionNames.assign(
            T,
            List.of(
                new AdoptionNames.Named("c1", "vectors-42"),
                new AdoptionNames.Named("c2", "  Qwen Chat! "),
                new AdoptionNames.Named("c3", "9 lives")),
            n -> false));
  }

  @Test
  void anObjectWithoutAUsableNameIsNamedByItsId() {
    assertEquals(
        Map.of("42", "model_42", "sk", "model_sk"),
        AdoptionNames.assign(
            "alicloud_model_router_model",
            List.of(new AdoptionNames.Named("42", "通义千问"), new AdoptionNames.Named("sk", null)),
            n -> false));
  }

  @Test
  void clashingNamesTakeTheirIdsWhateverTheOrder() {
    Map<String, String> expected = Map.of("conn-b", "a_b_conn_b", "conn-a", "a_b_conn_a");
    assertEquals(
        expected,
        AdoptionNames.assign(
            T,
            List.of(
                new AdoptionNames.Named("conn-b", "a.b"), new AdoptionNames.Named("conn-a", "A_B")),
            n -> false));
    assertEquals(
        expected,
        AdoptionNames.assign(
            T,
            List.of(
                new AdoptionNames.Named("conn-a", "A_B"), new AdoptionNames.Named("conn-b", "a.b")),
            n -> false));
  }

  @Test
  void aNameTheConfigurationHasAlreadyTakesTheId() {
    Set<String> taken = Set.of("search", "search_conn_1");
    assertEquals(
        Map.of("conn-1", "search_conn_1_2"),
        AdoptionNames.assign(
            T, List.of(new AdoptionNames.Named("conn-1", "search")), taken::contains));
  }
}
