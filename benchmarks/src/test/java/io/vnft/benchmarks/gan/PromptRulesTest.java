package io.vnft.benchmarks.gan;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PromptRulesTest {
  private static final List<Concept> CONCEPTS = List.of(
      new Concept(0, "1F431", Path.of("/x/cat.png"), "Animals & Nature", "animal-mammal", "cat",
          List.of("cat face", "cat", "kitten", "meow", "pet")),
      new Concept(1, "1F525", Path.of("/x/fire.png"), "Travel & Places", "sky & weather", "fire",
          List.of("fire", "hot", "flame", "burn")),
      new Concept(2, "1F384", Path.of("/x/tree.png"), "Activities", "event", "christmas_tree",
          List.of("christmas tree", "xmas tree", "festival")));
  private static final PromptRules RULES = new PromptRules(CONCEPTS);

  private static HeldOutPrompt single(String target, String text) {
    return new HeldOutPrompt(0, 7, target, target, false, text);
  }

  private static HeldOutPrompt morph(String a, String b, String text) {
    return new HeldOutPrompt(0, 9, a, b, true, text);
  }

  private static String refusal(HeldOutPrompt p) {
    return assertThrows(InvalidInputException.class, () -> RULES.check(List.of(p))).getMessage();
  }

  @Test
  void normalisesCaseAndNonLetters() {
    assertEquals("cat face", PromptRules.normalise("  Cat--FACE!! "));
    assertEquals("a b c", PromptRules.normalise("a1b 2 c"));
  }

  @Test
  void refusesATrainingTextNamingTheLine() {
    String m = refusal(single("cat", "Cat Face!"));
    assertTrue(m.contains("line 7") && m.contains("training text"), m);
    // a training text of another concept is refused too
    assertTrue(refusal(single("cat", "X-mas tree")).contains("training text"));
  }

  @Test
  void refusesWhatTheEncoderReadsAsATrainingText() {
    assertTrue(refusal(single("cat", "a kitten")).contains("encoder sees"));
    assertTrue(refusal(single("cat", "the face of a cat")).contains("encoder sees")); // {cat, face}
    assertTrue(refusal(single("cat", "kittens")).contains("encoder sees")); // suffix rule -> kitten
    assertTrue(refusal(single("christmas_tree", "an xmas tree")).contains("encoder sees"));
  }

  @Test
  void acceptsANewPhrasingOfKnownWords() {
    assertDoesNotThrow(() -> RULES.check(List.of(single("cat", "a meowing kitten"),
        single("fire", "a hot burning flame"), morph("cat", "fire", "a pet kitten turning into a hot flame"))));
  }

  @Test
  void refusesAWordTheTrainingTextsDoNotHave() {
    String m = refusal(single("cat", "a purring kitten"));
    assertTrue(m.contains("'purring'"), m);
  }

  @Test
  void refusesConnectorsInOneConceptPromptsAndMorphsWithoutOne() {
    assertTrue(refusal(single("cat", "a meowing kitten into fire")).contains("connector"));
    assertTrue(refusal(morph("cat", "fire", "a meowing kitten and a hot flame")).contains("connector"));
    assertTrue(refusal(morph("cat", "fire", "a meowing kitten turning into")).contains("connector"));
  }

  @Test
  void refusesAMorphWithATrainingTextAsOneSegment() {
    String m = refusal(morph("cat", "fire", "a meowing kitten turning into a flame"));
    assertTrue(m.contains("'flame'"), m);
  }

  @Test
  void refusesUnknownShortNamesAndRepeats() {
    assertTrue(refusal(single("dog", "a meowing kitten")).contains("'dog'"));
    HeldOutPrompt p = single("cat", "a meowing kitten");
    HeldOutPrompt q = new HeldOutPrompt(1, 8, "cat", "cat", false, "A meowing kitten!");
    String m = assertThrows(InvalidInputException.class, () -> RULES.check(List.of(p, q))).getMessage();
    assertTrue(m.contains("line 8") && m.contains("repeats"), m);
  }

  @Test
  void theRepositorysHeldOutFileHasEnoughDistinctRows() throws Exception {
    Path file = Path.of("..", "vnft-gpu", "training", "heldout-prompts.tsv");
    List<HeldOutPrompt> prompts = HeldOutPrompt.readAll(file);
    long singles = prompts.stream().filter(p -> !p.morph()).count();
    assertTrue(singles >= 110, singles + " one-concept prompts");
    assertTrue(prompts.size() - singles >= 24, (prompts.size() - singles) + " morphs");
    Set<String> seen = new HashSet<>();
    for (HeldOutPrompt p : prompts) {
      assertTrue(seen.add(PromptRules.normalise(p.text())), "repeated: " + p.text());
      assertEquals(p.morph(), !p.targetA().equals(p.targetB()), "line " + p.line());
    }
    assertTrue(Files.readAllLines(file).get(0).startsWith("#"), "the file starts with its rules");
  }
}
