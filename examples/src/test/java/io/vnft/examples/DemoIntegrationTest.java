package io.vnft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.api.VideoFormat;
import io.vnft.examples.demo.Demo;
import io.vnft.gpu.djl.DevicePreference;
import io.vnft.gpu.model.CppnSpec;
import io.vnft.gpu.model.GanSpec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shortened demo on a real anvil with the real model, proofs and contracts; every assertion is
 * about what the chain holds, not about printed text.
 */
class DemoIntegrationTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {GanSpec.MODEL_ID, CppnSpec.MODEL_ID})
  void shortDemoEndsWithVerifiedTokensASlashAndAnAnsweredChallenge(String model) throws Exception {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    Demo.Result r;
    try (PrintStream log = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
      r = Demo.run(new Demo.Options(dir, 7, new VideoFormat(32, 32, 8, 8), DevicePreference.CPU, model, log, false));
    } finally {
      Files.writeString(dir.resolve("demo.log"), buf.toString(StandardCharsets.UTF_8));
    }
    String log = buf.toString(StandardCharsets.UTF_8);

    // Of the 7 triggers, 5 thresholds are crossed by the price path and 2 never are.
    assertEquals(5, r.tokens().size(), log);
    assertEquals(2, r.unfired().size(), log);
    Set<BigInteger> minted = new HashSet<>();
    for (Demo.TokenRow t : r.tokens()) {
      assertEquals(r.triggerRecipients().get(t.trigger().triggerId()), t.owner(),
          "token " + t.tokenId() + " must belong to its trigger's recipient");
      assertTrue(minted.add(t.trigger().triggerId()), "trigger minted twice: " + t.trigger().triggerId());
      assertTrue(t.verified(), "vnft verify failed for token " + t.tokenId() + "\n" + log);
      assertFalse(r.unfired().contains(t.trigger().triggerId()));
    }
    assertFalse(r.revertedBatches().isEmpty(), "the dishonest batch must be slashed\n" + log);
    assertFalse(r.answeredChallenges().isEmpty(), "the audit must be answered with a proof\n" + log);
    assertTrue(r.forgedRejected(), "vnft verify must fail for a forged file\n" + log);
    for (Demo.TokenRow t : r.tokens()) {
      assertEquals(model, t.trigger().modelId(), "every trigger uses the chosen model");
    }
    if (model.equals(GanSpec.MODEL_ID)) {
      assertTrue(log.contains("\"a cat turning into fire\"") && log.contains("-> fire"),
          "the log shows each prompt and how the model reads a morph\n" + log);
    }
    assertTrue(Files.exists(dir.resolve("tokens/token-1.gif")));
    assertTrue(Files.exists(dir.resolve("tokens/token-1-sheet.png")));
  }
}
