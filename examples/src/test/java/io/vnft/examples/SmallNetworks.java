package io.vnft.examples;

import io.vnft.api.VideoFormat;
import io.vnft.api.Vnft;
import io.vnft.chain.DevNetwork;
import io.vnft.chain.VnftDeployment;
import io.vnft.gpu.circuit.Groth16PixelProofSystem;
import io.vnft.gpu.commit.PoseidonCommitmentScheme;
import io.vnft.gpu.encode.GifEncoder;
import io.vnft.gpu.model.ReferenceVideoGenerator;
import io.vnft.zk.groth16.Groth16;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;

/** A development network with the real model, a Groth16 setup at a small format and GIF files, for tests. */
final class SmallNetworks {
  static final BigInteger ETHER = BigInteger.TEN.pow(18);
  /** 1 ether stake, 0.1 ether challenge bond, 600 s challenge window, 300 s response window. */
  static final VnftDeployment.Params PARAMS = new VnftDeployment.Params(ETHER, ETHER.divide(BigInteger.TEN), 600, 300);

  private SmallNetworks() {}

  /**
   * @param dir where the network's files go
   * @param format the model's registered format (small: the setup runs in the test)
   * @return a running network, feed at 3 800, {@link #PARAMS}
   */
  static DevNetwork start(Path dir, VideoFormat format) {
    Groth16PixelProofSystem proofs = new Groth16PixelProofSystem(format,
        Groth16.setup(Groth16PixelProofSystem.circuitFor(format).r1cs(), new SecureRandom()));
    Vnft.Builder base = Vnft.builder().generator(new ReferenceVideoGenerator())
        .commitments(new PoseidonCommitmentScheme()).encoder(new GifEncoder()).proofSystem(proofs).format(format);
    return DevNetwork.start(base, dir, PARAMS, new BigDecimal(3800));
  }
}
