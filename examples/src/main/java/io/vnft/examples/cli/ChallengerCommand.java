package io.vnft.examples.cli;

import io.vnft.api.VideoGenerator;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Challenger;
import io.vnft.api.roles.RoleListener;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.store.LocalContentStore;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vnft challenger}: watches batches, regenerates tokens, challenges wrong pixels. */
@Command(name = "challenger", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Watch committed batches, regenerate every token (of any built-in model: vnft-gan-1, "
        + "vnft-cppn-1), challenge the first wrong pixel with a bond, and settle challenges that were not answered in time.")
final class ChallengerCommand implements Callable<Integer> {
  private final PrintStream out;

  ChallengerCommand(PrintStream out) {
    this.out = out;
  }

  @Mixin KeyOptions keys;
  @Mixin CommonOptions common;
  @Mixin ServiceOptions service;

  @Override
  public Integer call() {
    service.check();
    String key = keys.resolve(System.getenv("VNFT_KEY"));
    DeploymentFile dep = common.readDeployment();
    try (Web3jChainBackend chain = Commands.backend(common, dep, key);
        VideoGenerator model = Commands.generator(common, dep)) {
      // No client format: each token is regenerated at the shape its model is registered with.
      Vnft vnft = Vnft.builder().discover(false).generator(model).commitments(new PoseidonCommitmentScheme())
          .contentStore(new LocalContentStore(common.storeDir())).chain(chain).build();
      String role = "challenger " + chain.account();
      Challenger node = Challenger.builder().name(role).vnft(vnft).listener(RoleListener.LOG).build();
      LoggerFactory.getLogger("io.vnft.cli").info("{} watching {}", role, common.rpcUrl(dep));
      return ServiceLoop.runRole(role, service, () -> {
        Challenger.TickReport r = node.tick();
        Map<String, Long> c = new LinkedHashMap<>();
        c.put("tokens_checked", (long) r.checked());
        c.put("mismatches", (long) r.mismatches());
        c.put("challenges_opened", (long) r.opened().size());
        c.put("challenges_settled", (long) r.settled());
        return c;
      }, out);
    }
  }
}
