package io.vnft.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vnft.chain.Keystores;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The command line's conventions: help, errors naming flags, config under flags, keystores, check order. */
class CliTest {
  static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d"; // anvil #1

  @TempDir Path dir;

  record Run(int status, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status = Cli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void everyCommandHasHelpListingAllItsOptions() {
    CommandLine tree = Cli.tree(System.out);
    for (String command : List.of("demo", "operator", "challenger", "verify", "keystore")) {
      Run r = run(command, "--help");
      assertEquals(0, r.status(), command + ": " + r.err());
      for (OptionSpec o : tree.getSubcommands().get(command).getCommandSpec().options()) {
        assertTrue(r.out().contains(o.longestName()), command + " --help lacks " + o.longestName() + ":\n" + r.out());
      }
    }
    assertTrue(run("operator", "--help").out().contains("--keystore"));
    Run root = run("--help");
    assertEquals(0, root.status());
    assertTrue(root.out().contains("operator") && root.out().contains("verify"), root.out());
    assertEquals(2, run().status(), "no command is a usage error");
  }

  @Test
  void theDemoOffersBothBuiltInModelsAndMintsWithTheTrainedOneByDefault() {
    Run help = run("demo", "--help");
    assertEquals(0, help.status(), help.err());
    assertTrue(help.out().contains("--model") && help.out().contains("vnft-gan-1") && help.out().contains("vnft-cppn-1")
        && help.out().contains("Default: vnft-gan-1"), help.out());
    Run bad = run("demo", "--model", "vnft-gan-2", "--out", dir.resolve("out").toString());
    assertEquals(2, bad.status(), bad.err());
    assertTrue(bad.err().contains("--model") && bad.err().contains("vnft-gan-2") && bad.err().contains("vnft-cppn-1"),
        bad.err());
    assertFalse(Files.exists(dir.resolve("out")), "a usage error starts nothing");
    for (String command : List.of("challenger", "verify")) {
      assertTrue(run(command, "--help").out().contains("vnft-gan-1"), command + " --help names the models it checks");
    }
  }

  @Test
  void theDeploymentFileNamesItsModelAndAnOldFileMeansCppn() throws Exception {
    Path old = deploymentFile("http://127.0.0.1:1", "pixel.zkey");
    DeploymentFile read = DeploymentFile.read(old);
    assertEquals("vnft-cppn-1", read.model(), "a file written before the model key");
    Path gan = dir.resolve("gan.properties");
    new DeploymentFile(read.rpcUrl(), read.chainId(), read.contracts(), read.format(), read.zkey(), "vnft-gan-1").write(gan);
    assertEquals("vnft-gan-1", DeploymentFile.read(gan).model());
    assertEquals(read.format(), DeploymentFile.read(gan).format());
    Files.writeString(old, Files.readString(old) + "model=vnft-gan-2\n");
    Run r = run("verify", "--token", "1", "--deployment", old.toString());
    assertEquals(2, r.status(), r.err());
    assertTrue(r.err().contains("model") && r.err().contains("vnft-gan-2") && r.err().contains("vnft-gan-1"), r.err());
  }

  @Test
  void usageErrorsNameTheFlagAndExitWith2() {
    Run missing = run("verify");
    assertEquals(2, missing.status());
    assertTrue(missing.err().contains("--token"), missing.err());
    Run unknown = run("verify", "--token", "1", "--nope");
    assertEquals(2, unknown.status());
    assertTrue(unknown.err().contains("--nope"), unknown.err());
    Run device = run("operator", "--device", "gpu", "--private-key", KEY);
    assertEquals(2, device.status());
    assertTrue(device.err().contains("--device") && !device.err().contains("vnft.gpu.device"), device.err());
    Run key = run("operator", "--private-key", "0x1234");
    assertEquals(2, key.status());
    assertTrue(key.err().contains("--private-key") && !key.err().contains("privateKey"), key.err());
    Run interval = run("challenger", "--private-key", KEY, "--interval", "0");
    assertEquals(2, interval.status());
    assertTrue(interval.err().contains("--interval"), interval.err());
  }

  @Test
  void cheapChecksComeBeforeConnectingAndBeforeTheProvingKey() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    Path dep = deploymentFile("http://127.0.0.1:" + closedPort, "missing.zkey");
    // A malformed key fails first, although the node is unreachable and the zkey missing.
    Run key = run("operator", "--private-key", "0xzz", "--deployment", dep.toString());
    assertTrue(key.err().contains("--private-key"), key.err());
    // A good key: the missing zkey is found before the (unreachable) node is called.
    Run zkey = run("operator", "--private-key", KEY, "--deployment", dep.toString());
    assertEquals(2, zkey.status(), zkey.err());
    assertTrue(zkey.err().contains("zkey") && zkey.err().contains("missing.zkey"), zkey.err());
    assertFalse(zkey.err().contains("unreachable"), zkey.err());
    // With the zkey present, the unreachable node is what fails (status 1), naming the URL.
    Files.write(dir.resolve("missing.zkey"), new byte[] {1});
    Run node = run("operator", "--private-key", KEY, "--deployment", dep.toString());
    assertEquals(1, node.status(), node.err());
    assertTrue(node.err().contains("127.0.0.1:" + closedPort), node.err());
  }

  @Test
  void relativePathsAreTheCallersAndMissingFilesAreNamed() {
    Run r = run("verify", "--token", "1", "--deployment", "no/such/deployment.properties");
    assertEquals(2, r.status());
    assertTrue(r.err().contains("--deployment") && r.err().contains(Path.of("no/such/deployment.properties")
        .toAbsolutePath().toString()), r.err());
  }

  @Test
  void aConfigFileGivesDefaultsThatFlagsOverride() throws Exception {
    Path dep = deploymentFile("http://127.0.0.1:1", "pixel.zkey");
    Path cfg = dir.resolve("vnft.properties");
    // Paths in the config are relative to the config file; interval=0 is out of range.
    Files.writeString(cfg, "deployment=" + dep.getFileName() + "\ninterval=0\nprivate-key=" + KEY + "\n");
    Run fromConfig = run("challenger", "--config", cfg.toString());
    assertEquals(2, fromConfig.status());
    assertTrue(fromConfig.err().contains("--interval: must be in [1, 3600], got 0"), fromConfig.err());
    // The flag wins over the config: now the next check (the unreachable node of the deployment) fails.
    Run flagWins = run("challenger", "--config", cfg.toString(), "--interval", "5");
    assertEquals(1, flagWins.status(), flagWins.err());
    assertTrue(flagWins.err().contains("127.0.0.1:1"), "the deployment came from the config: " + flagWins.err());
    // A command-qualified key wins over the plain key for that command only.
    Files.writeString(cfg, "deployment=" + dep.getFileName() + "\ninterval=5\nchallenger.interval=0\nprivate-key=" + KEY + "\n");
    assertTrue(run("challenger", "--config", cfg.toString()).err().contains("got 0"));
    // A typo is an error naming the file and the key.
    Files.writeString(cfg, "intervall=5\n");
    Run typo = run("operator", "--config", cfg.toString());
    assertEquals(2, typo.status());
    assertTrue(typo.err().contains("intervall") && typo.err().contains(cfg.toString()), typo.err());
  }

  @Test
  void aKeystoreWithItsPasswordFileUnlocksTheKeyAndAWrongPasswordIsNamed() throws Exception {
    Path ks = dir.resolve("operator.json");
    String address = Keystores.write(ks, KEY, "correct horse", true);
    assertEquals("0x70997970c51812dc3a010c7d01b50e0d17dc79c8", address);
    assertEquals(KEY, Keystores.unlock(ks, "correct horse"));
    Path good = dir.resolve("pw");
    Files.writeString(good, "correct horse\n");
    Path bad = dir.resolve("bad-pw");
    Files.writeString(bad, "battery staple\n");
    Path dep = deploymentFile("http://127.0.0.1:1", "missing.zkey");
    Run ok = run("operator", "--keystore", ks.toString(), "--password-file", good.toString(), "--deployment", dep.toString());
    assertTrue(ok.err().contains("missing.zkey"), "unlocked, then the next check failed: " + ok.err());
    assertFalse(ok.err().contains("development only"), "no raw-key warning for a keystore: " + ok.err());
    Run wrong = run("operator", "--keystore", ks.toString(), "--password-file", bad.toString(), "--deployment", dep.toString());
    assertEquals(2, wrong.status());
    assertTrue(wrong.err().contains("--keystore") && wrong.err().contains("wrong password"), wrong.err());
    Run noPassword = run("operator", "--keystore", ks.toString());
    assertTrue(noPassword.err().contains("--password-file"), noPassword.err());
    Run both = run("operator", "--keystore", ks.toString(), "--password-file", good.toString(), "--private-key", KEY);
    assertTrue(both.err().contains("not both"), both.err());
  }

  @Test
  void theKeystoreCommandWritesAFileTheOperatorUnlocks() throws Exception {
    Path pw = dir.resolve("pw");
    Files.writeString(pw, "s3cret\n");
    Path ks = dir.resolve("k.json");
    Run imported = run("keystore", "--out", ks.toString(), "--password-file", pw.toString(), "--private-key", KEY, "--light");
    assertEquals(0, imported.status(), imported.err());
    assertTrue(imported.out().contains("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), imported.out());
    assertEquals(KEY, Keystores.unlock(ks, "s3cret"));
    Run again = run("keystore", "--out", ks.toString(), "--password-file", pw.toString(), "--light");
    assertEquals(2, again.status());
    assertTrue(again.err().contains("--out") && again.err().contains("--force"), again.err());
    Run fresh = run("keystore", "--out", ks.toString(), "--password-file", pw.toString(), "--light", "--force");
    assertEquals(0, fresh.status(), fresh.err());
    String address = fresh.out().substring(fresh.out().indexOf("address ") + 8).strip();
    assertTrue(address.matches("0x[0-9a-f]{40}") && !address.equals("0x70997970c51812dc3a010c7d01b50e0d17dc79c8"), address);
    assertTrue(Keystores.unlock(ks, "s3cret").matches("0x[0-9a-f]{64}"));
    if (ks.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(ks)));
    }
  }

  private Path deploymentFile(String rpc, String zkey) throws Exception {
    Path f = dir.resolve("deployment.properties");
    Files.writeString(f, String.join("\n", "rpcUrl=" + rpc, "chainId=31337",
        "registry=0x5FbDB2315678afecb367f032d93F642f64180aa3", "triggerBook=0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512",
        "videoNft=0x9fE46736679d2D9a65F0992F2272dE9f3c7fa6e0", "rollup=0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9",
        "deployBlock=1", "width=32", "height=32", "frames=8", "fps=8", "zkey=" + zkey, ""));
    return f;
  }
}
