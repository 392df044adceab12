package io.vnft.examples.cli;

import io.vnft.api.InvalidInputException;
import io.vnft.api.VideoGenerator;
import io.vnft.api.Vnft;
import io.vnft.api.roles.Operator;
import io.vnft.api.roles.OperatorJournal;
import io.vnft.api.roles.RoleListener;
import io.vnft.chain.Web3jChainBackend;
import io.vnft.chain.store.LocalContentStore;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.encode.Mp4Encoder;
import io.vnft.zk.iden3.ZkeyFile;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code vnft operator}: an operator node as a service. */
@Command(name = "operator", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run an operator: answer challenges on its batches, finalize, batch new firings, withdraw.",
        "Its journal (bound to the deployment) lets it be killed and restarted at any point.",
        "Proofs are for the deployment file's model (key model: vnft-gan-1 or vnft-cppn-1; absent: vnft-cppn-1),",
        "whose proving key is the file's zkey.",
        "Cheap checks (key, deployment file, journal) come before the proving key and the model are loaded."})
final class OperatorCommand implements Callable<Integer> {
  private final PrintStream out;

  OperatorCommand(PrintStream out) {
    this.out = out;
  }

  @Mixin KeyOptions keys;
  @Mixin CommonOptions common;
  @Mixin ServiceOptions service;

  @Option(names = "--journal", paramLabel = "FILE",
      description = "the operator's journal; default: journal-<address>.txt beside the deployment file")
  Path journal;

  @Option(names = "--max-batch", paramLabel = "N", defaultValue = "16", description = "leaves per batch, 1..100. Default: ${DEFAULT-VALUE}")
  int maxBatch;

  @Option(names = "--max-wait", paramLabel = "SECONDS", defaultValue = "30",
      description = "how long a firing may wait for a fuller batch, 0..86400. Default: ${DEFAULT-VALUE}")
  long maxWait;

  @Override
  public Integer call() {
    service.check();
    if (maxBatch < 1 || maxBatch > 100) {
      throw new InvalidInputException("--max-batch: must be in [1, 100], got " + maxBatch);
    }
    if (maxWait < 0 || maxWait > 86_400) {
      throw new InvalidInputException("--max-wait: must be in [0, 86400], got " + maxWait);
    }
    String key = keys.resolve(System.getenv("VNFT_KEY"));
    DeploymentFile dep = common.readDeployment();
    Path zkey = common.deploymentDir().resolve(dep.zkey());
    Commands.requireFile(zkey, "--deployment " + common.deployment + ": zkey");
    var log = LoggerFactory.getLogger("io.vnft.cli");
    try (Web3jChainBackend chain = Commands.backend(common, dep, key)) {
      Path journalFile = journal != null ? journal
          : common.deploymentDir().resolve("journal-" + chain.account().hex() + ".txt");
      OperatorJournal j;
      try {
        j = OperatorJournal.open(journalFile, chain.deployment());
      } catch (InvalidInputException e) {
        throw new InvalidInputException("--journal: " + e.getMessage(), e);
      }
      log.info("loading the pixel proving key {} ...", zkey);
      Groth16PixelProofSystem proofs = new Groth16PixelProofSystem(dep.model(), dep.format(), ZkeyFile.read(zkey));
      try (VideoGenerator model = Commands.generator(common, dep)) {
        Vnft vnft = Vnft.builder().discover(false).generator(model).contentStore(new LocalContentStore(common.storeDir()))
            .commitments(new PoseidonCommitmentScheme()).encoder(new Mp4Encoder()).proofSystem(proofs)
            .chain(chain).format(dep.format()).build();
        String role = "operator " + chain.account();
        Operator node = Operator.builder().name(role).vnft(vnft).journal(j).maxBatch(maxBatch)
            .maxWaitSeconds(maxWait).listener(RoleListener.LOG).clock(() -> System.currentTimeMillis() / 1000).build();
        log.info("{} on {}, journal {} ({} entries)", role, common.rpcUrl(dep), journalFile, j.entries().size());
        return ServiceLoop.runRole(role, service, () -> {
          Operator.TickReport r = node.tick();
          Map<String, Long> c = new LinkedHashMap<>();
          c.put("prepared", (long) r.prepared());
          c.put("prepare_failed", (long) r.failed());
          c.put("batches_committed", (long) r.committed().size());
          c.put("challenges_answered", (long) r.answered());
          c.put("challenges_unanswerable", (long) r.unanswerable());
          c.put("tokens_minted", (long) r.minted().size());
          c.put("withdrawn_wei", r.withdrawnWei().min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue());
          return c;
        }, out);
      }
    }
  }
}
