package io.vnft.gpu.model;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a prompt to the style code of {@value CppnSpec#MODEL_ID} by documented keywords. This is a
 * generative-art model, not a text-understanding one: the prompt picks a palette, a motion speed
 * and a symmetry from the keyword lists below, and (through the seed, which hashes the prompt)
 * the individual picture. Nothing else in the prompt's meaning reaches the video.
 *
 * <p>Style code (uint32): bits 0..2 palette, bits 3..4 speed, bits 5..6 symmetry (bit 5 mirror
 * X, bit 6 mirror Y); higher bits are zero. The prompt is lower-cased (ROOT locale) and split
 * into words at every character that is not an ASCII letter; for each of the three categories
 * the first word (in prompt order) that is one of its keywords decides. Without a palette word
 * the palette is (sum of the prompt's UTF-8 bytes) mod 8; without a speed word the speed is 1;
 * without a symmetry word there is none.
 *
 * <ul>
 *   <li>palette 0 ember: sunset, fire, ember, warm, lava, autumn; 1 ocean: ocean, sea, water,
 *       blue, wave, rain; 2 forest: forest, green, jungle, nature, leaf, moss; 3 neon: neon,
 *       cyber, electric, synth, disco, laser; 4 mono: mono, noir, black, white, gray, grey,
 *       ink; 5 ice: ice, snow, frost, winter, glacier, crystal; 6 rainbow: rainbow, psychedelic,
 *       prism, colorful, colourful, trippy; 7 gold: gold, golden, desert, sand, amber, honey.
 *   <li>speed 0: calm, slow, still, gentle, sleepy, drift; 1: steady, flow; 2: fast, quick,
 *       energetic, lively, rush; 3: frantic, hyper, storm, wild, chaos, explosive.
 *   <li>symmetry 1 (mirror X): mirror, symmetric, symmetrical, butterfly, face; 2 (mirror Y):
 *       reflection, lake, horizon, vertical; 3 (both): kaleidoscope, mandala, quad, snowflake.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class PromptStyle {
  private static final Map<String, Integer> PALETTE = Map.ofEntries(
      e("sunset", 0), e("fire", 0), e("ember", 0), e("warm", 0), e("lava", 0), e("autumn", 0),
      e("ocean", 1), e("sea", 1), e("water", 1), e("blue", 1), e("wave", 1), e("rain", 1),
      e("forest", 2), e("green", 2), e("jungle", 2), e("nature", 2), e("leaf", 2), e("moss", 2),
      e("neon", 3), e("cyber", 3), e("electric", 3), e("synth", 3), e("disco", 3), e("laser", 3),
      e("mono", 4), e("noir", 4), e("black", 4), e("white", 4), e("gray", 4), e("grey", 4),
      e("ink", 4),
      e("ice", 5), e("snow", 5), e("frost", 5), e("winter", 5), e("glacier", 5), e("crystal", 5),
      e("rainbow", 6), e("psychedelic", 6), e("prism", 6), e("colorful", 6), e("colourful", 6),
      e("trippy", 6),
      e("gold", 7), e("golden", 7), e("desert", 7), e("sand", 7), e("amber", 7), e("honey", 7));
  private static final Map<String, Integer> SPEED = Map.ofEntries(
      e("calm", 0), e("slow", 0), e("still", 0), e("gentle", 0), e("sleepy", 0), e("drift", 0),
      e("steady", 1), e("flow", 1),
      e("fast", 2), e("quick", 2), e("energetic", 2), e("lively", 2), e("rush", 2),
      e("frantic", 3), e("hyper", 3), e("storm", 3), e("wild", 3), e("chaos", 3),
      e("explosive", 3));
  private static final Map<String, Integer> SYMMETRY = Map.ofEntries(
      e("mirror", 1), e("symmetric", 1), e("symmetrical", 1), e("butterfly", 1), e("face", 1),
      e("reflection", 2), e("lake", 2), e("horizon", 2), e("vertical", 2),
      e("kaleidoscope", 3), e("mandala", 3), e("quad", 3), e("snowflake", 3));

  private PromptStyle() {}

  private static Map.Entry<String, Integer> e(String k, int v) {
    return Map.entry(k, v);
  }

  /**
   * @param prompt the user's prompt (any string; null is refused)
   * @return the style code, in [0, 127]
   * @throws NullPointerException if prompt is null
   */
  public static int of(String prompt) {
    Integer palette = null;
    Integer speed = null;
    Integer symmetry = null;
    for (String word : prompt.toLowerCase(Locale.ROOT).split("[^a-z]+")) {
      if (palette == null) {
        palette = PALETTE.get(word);
      }
      if (speed == null) {
        speed = SPEED.get(word);
      }
      if (symmetry == null) {
        symmetry = SYMMETRY.get(word);
      }
    }
    if (palette == null) {
      int sum = 0;
      for (byte b : prompt.getBytes(StandardCharsets.UTF_8)) {
        sum += b & 0xff;
      }
      palette = sum & 7;
    }
    return palette | (speed == null ? 1 : speed) << 3 | (symmetry == null ? 0 : symmetry) << 5;
  }

  /**
   * @param style a style code
   * @return a readable description, e.g. {@code palette=ocean speed=2 symmetry=mirror-x}
   */
  public static String describe(long style) {
    int sym = (int) ((style >> 5) & 3);
    return "palette=" + CppnSpec.PALETTE_NAMES[CppnSpec.paletteOf(style)]
        + " speed=" + ((style >> 3) & 3)
        + " symmetry=" + new String[] {"none", "mirror-x", "mirror-y", "mirror-xy"}[sym];
  }
}
