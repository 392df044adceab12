package io.vnft.examples.cli;

import io.vnft.api.VideoGenerator;
import io.vnft.api.Vnft;
import io.vnft.api.roles.TokenVerifier;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.store.LocalContentStore;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.encode.Mp4Encoder;
import java.io.PrintStream;
import java.math.BigInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vnft verify --token N}: checks one token end to end. */
@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check one token (of any built-in model: vnft-gan-1, vnft-cppn-1) end to end: oracle crossing, seed, regenerated frames vs framesRoot, file vs "
        + "CID, the video file as an encoding of the regenerated frames, tokenURI byte for byte, ERC-7007 verify. Prints PASS/FAIL per check; exit status 0 only if all pass.")
final class VerifyCommand implements Callable<Integer> {
  private final PrintStream out;

  VerifyCommand(PrintStream out) {
    this.out = out;
  }

  @Mixin CommonOptions common;

  @Option(names = "--token", paramLabel = "N", required = true, description = "the token id, >= 1")
  BigInteger token;

  @Override
  public Integer call() {
    if (token.signum() <= 0) {
      throw new io.vnft.api.InvalidInputException("--token: must be >= 1, got " + token);
    }
    DeploymentFile dep = common.readDeployment();
    try (Web3jChainBackend chain = Commands.backend(common, dep, Commands.randomKey());
        VideoGenerator model = Commands.generator(common, dep)) {
      // The encoder: the rendition check re-encodes the regenerated frames. No client format: the token is
      // regenerated at the shape its model is registered with.
      Vnft vnft = Vnft.builder().discover(false).generator(model).commitments(new PoseidonCommitmentScheme())
          .contentStore(new LocalContentStore(common.storeDir())).encoder(new Mp4Encoder()).chain(chain).build();
      TokenVerifier.Report report = TokenVerifier.of(vnft).verify(token);
      report.checks().forEach(c -> out.println(c.line()));
      boolean ok = report.verified();
      out.println(ok ? "token " + token + ": VERIFIED" : "token " + token + ": NOT VERIFIED");
      return ok ? 0 : 1;
    }
  }
}
