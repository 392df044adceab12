package io.vnft.zk.groth16;

import io.vnft.api.InvalidInputException;
import io.vnft.api.ProofException;
import io.vnft.zk.circuit.Constraint;
import io.vnft.zk.circuit.R1cs;
import io.vnft.zk.circuit.SparseRow;
import io.vnft.zk.circuit.Witness;
import io.vnft.zk.curve.G1Point;
import io.vnft.zk.curve.G2Point;
import io.vnft.zk.curve.Pairing;
import io.vnft.zk.curve.internal.MsmJob;
import io.vnft.zk.field.Fr;
import io.vnft.zk.field.FrOps;
import io.vnft.zk.groth16.internal.Domain;
import io.vnft.zk.groth16.internal.FixedBase;
import io.vnft.zk.groth16.internal.Matrices;
import io.vnft.zk.groth16.internal.Parallel;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groth16 over BN254, byte-compatible with snarkjs 0.7: the same QAP (one extra constraint
 * {@code pub_s * 0 = 0} for the constant and each public signal, a radix-2 domain of size
 * {@code 2^k >= nConstraints + nPublic + 1}), the same "odd coset" H query and the same proof
 * equations, so a snarkjs {@code .zkey} proves here and keys and proofs made here work in snarkjs.
 *
 * <p><b>Security.</b> {@link #setup} is a single-party trusted setup for tests and development:
 * whoever learns its randomness (tau, alpha, beta, gamma, delta) can forge proofs of false
 * statements. Production keys come from a multi-party ceremony (a snarkjs {@code .zkey} read with
 * {@code io.vnft.zk.iden3.ZkeyFile}). BN254 gives roughly 100 bits of security. Groth16 proofs are
 * malleable: never use a {@link Proof} as an identifier.
 *
 * <p>Thread-safety: all methods are stateless and thread-safe. Proving uses the given number of
 * threads (default: available processors) on the common fork-join pool.
 */
public final class Groth16 {
  private Groth16() {}

  // ---------------------------------------------------------------------------------------- setup

  /**
   * Runs a fresh single-party setup with all available processors. <b>For tests and development
   * only:</b> whoever learns the randomness drawn from {@code rnd} can forge proofs; production
   * keys come from a multi-party ceremony {@code .zkey}.
   *
   * @param r1cs the constraint system (wire 0 = 1, then the public signals)
   * @param rnd the source of the toxic randomness (tau, alpha, beta, gamma, delta)
   * @return the proving key, holding its verifying key
   * @throws InvalidInputException if an argument is null or the system needs a domain above 2^27
   */
  public static ProvingKey setup(R1cs r1cs, SecureRandom rnd) {
    return setup(r1cs, rnd, Parallel.defaultThreads());
  }

  /**
   * As {@link #setup(R1cs, SecureRandom)} with an explicit number of worker threads (at least 1).
   *
   * @param r1cs the constraint system
   * @param rnd the randomness of the toxic waste; whoever learns it can forge proofs
   * @param threads the number of worker threads, at least 1
   * @return the proving key (with its verifying key)
   */
  public static ProvingKey setup(R1cs r1cs, SecureRandom rnd, int threads) {
    if (r1cs == null) {
      throw new InvalidInputException("setup: r1cs must not be null");
    }
    if (threads < 1) {
      throw new InvalidInputException("setup: threads " + threads + " must be >= 1");
    }
    Matrices.Builder b = new Matrices.Builder(r1cs.nWires(), r1cs.nPublic());
    for (Constraint c : r1cs.constraints()) {
      b.constraint();
      SparseRow[] rows = {c.a(), c.b(), c.c()};
      for (int m = 0; m < 3; m++) {
        SparseRow row = rows[m];
        for (int k = 0; k < row.size(); k++) {
          b.term(m, row.wire(k), row.coeff(k));
        }
      }
    }
    return setup(b.build(), rnd, threads);
  }

  /**
   * Runs a fresh single-party setup for the given constraint matrices. See the class comment: the
   * randomness drawn from {@code rnd} must be destroyed, and the key is only for tests/dev.
   *
   * @param r1cs the constraint system (internal matrix form)
   * @param rnd the source of the toxic randomness
   * @param threads worker threads, at least 1
   * @return the proving key (holding its verifying key)
   * @throws InvalidInputException if the system is too large for a 2^28 domain
   */
  static ProvingKey setup(Matrices r1cs, SecureRandom rnd, int threads) {
    if (rnd == null) {
      throw new InvalidInputException("setup: rnd must not be null");
    }
    int nVars = r1cs.nVars;
    int nPub = r1cs.nPublic;
    int nCons = r1cs.nConstraints;
    long need = (long) nCons + nPub + 1;
    int log = 0;
    while ((1L << log) < need) {
      log++;
    }
    if (log > Domain.MAX_LOG - 1) {
      throw new InvalidInputException("setup: " + nCons + " constraints + " + nPub
          + " public signals need a domain of 2^" + log + " > 2^" + (Domain.MAX_LOG - 1));
    }
    int n = 1 << log;
    Fr tau;
    Fr alpha = nonZero(rnd);
    Fr beta = nonZero(rnd);
    Fr gamma = nonZero(rnd);
    Fr delta = nonZero(rnd);
    long[] lag;
    long[] lagH;
    while (true) {
      tau = nonZero(rnd);
      lag = lagrangeAt(tau, log, 0, 1, n);
      lagH = lag == null ? null : lagrangeAt(tau, log + 1, 1, 2, n);
      if (lag != null && lagH != null) {
        break; // tau is not in either domain (probability ~ 2^-220 of a retry)
      }
    }
    // u_s(tau), v_s(tau), w_s(tau) for every signal
    long[][] acc = new long[3][4 * nVars];
    long[] t = new long[4];
    for (int m = 0; m < 3; m++) {
      int[] st = r1cs.start[m];
      int[] sig = r1cs.signal[m];
      long[] cf = r1cs.coef[m];
      long[] out = acc[m];
      for (int c = 0; c < nCons; c++) {
        for (int k = st[c]; k < st[c + 1]; k++) {
          FrOps.mul(cf, 4 * k, lag, 4 * c, t, 0);
          FrOps.add(out, 4 * sig[k], t, 0, out, 4 * sig[k]);
        }
      }
    }
    for (int s = 0; s <= nPub; s++) {
      FrOps.add(acc[0], 4 * s, lag, 4 * (nCons + s), acc[0], 4 * s);
    }
    long[] al = limbs(alpha);
    long[] be = limbs(beta);
    long[] gi = limbs(gamma.inverse());
    long[] di = limbs(delta.inverse());
    long[] ic = new long[4 * (nPub + 1)];
    long[] cq = new long[4 * (nVars - nPub - 1)];
    for (int s = 0; s < nVars; s++) {
      FrOps.mul(acc[0], 4 * s, be, 0, t, 0);
      long[] u = new long[4];
      FrOps.mul(acc[1], 4 * s, al, 0, u, 0);
      FrOps.add(t, 0, u, 0, t, 0);
      FrOps.add(t, 0, acc[2], 4 * s, t, 0);
      if (s <= nPub) {
        FrOps.mul(t, 0, gi, 0, ic, 4 * s);
      } else {
        FrOps.mul(t, 0, di, 0, cq, 4 * (s - nPub - 1));
      }
    }
    for (int i = 0; i < n; i++) {
      FrOps.mul(lagH, 4 * i, di, 0, lagH, 4 * i);
    }
    G1Point[] pa = FixedBase.g1(acc[0], nVars, threads);
    G1Point[] pb1 = FixedBase.g1(acc[1], nVars, threads);
    G2Point[] pb2 = FixedBase.g2(acc[1], nVars, threads);
    G1Point[] pic = FixedBase.g1(ic, nPub + 1, threads);
    G1Point[] pc = FixedBase.g1(cq, nVars - nPub - 1, threads);
    G1Point[] ph = FixedBase.g1(lagH, n, threads);

    // coefficients in snarkjs order: per constraint its A then B entries, then the public ones
    int nA = r1cs.start[0][nCons];
    int nB = r1cs.start[1][nCons];
    int m = nA + nB + nPub + 1;
    int[] cm = new int[m];
    int[] cc = new int[m];
    int[] cs = new int[m];
    Fr[] cv = new Fr[m];
    int k = 0;
    for (int c = 0; c < nCons; c++) {
      for (int mat = 0; mat < 2; mat++) {
        for (int e = r1cs.start[mat][c]; e < r1cs.start[mat][c + 1]; e++) {
          cm[k] = mat;
          cc[k] = c;
          cs[k] = r1cs.signal[mat][e];
          cv[k] = Fr.fromMontLimbs(r1cs.coef[mat], 4 * e);
          k++;
        }
      }
    }
    for (int s = 0; s <= nPub; s++) {
      cm[k] = 0;
      cc[k] = nCons + s;
      cs[k] = s;
      cv[k] = Fr.ONE;
      k++;
    }
    G1Point g1 = G1Point.GENERATOR;
    G2Point g2 = G2Point.GENERATOR;
    VerifyingKey vk = new VerifyingKey(g1.mul(alpha), g2.mul(beta), g2.mul(gamma), g2.mul(delta),
        Arrays.asList(pic));
    return new ProvingKey(vk, g1.mul(beta), g1.mul(delta), nVars, n, cm, cc, cs, cv,
        Arrays.asList(pa), Arrays.asList(pb1), Arrays.asList(pb2), Arrays.asList(pc), Arrays.asList(ph));
  }

  private static Fr nonZero(SecureRandom rnd) {
    while (true) {
      Fr x = Fr.reduce(new BigInteger(320, rnd));
      if (!x.isZero()) {
        return x;
      }
    }
  }

  private static long[] limbs(Fr x) {
    long[] l = new long[4];
    x.copyLimbsTo(l, 0);
    return l;
  }

  /**
   * Lagrange basis values {@code L_j(tau)} of the domain of size 2^log for
   * {@code j = first + step * i}, {@code i in [0, count)}, as Montgomery limbs; null if tau lies in
   * the domain. {@code L_j(x) = w^j (x^N - 1) / (N (x - w^j))}.
   */
  static long[] lagrangeAt(Fr tau, int log, int first, int step, int count) {
    int size = 1 << log;
    BigInteger w = Domain.root(log);
    Fr wf = Fr.of(w);
    Fr wStep = wf.pow(BigInteger.valueOf(step));
    Fr zt = tau.pow(BigInteger.valueOf(size)).sub(Fr.ONE);
    if (zt.isZero()) {
      return null;
    }
    Fr factor = zt.mul(Fr.of(size).inverse());
    long[] den = new long[4 * count];
    long[] num = new long[4 * count];
    long[] wj = limbs(wf.pow(BigInteger.valueOf(first)));
    long[] ws = limbs(wStep);
    long[] tl = limbs(tau);
    long[] fl = limbs(factor);
    for (int i = 0; i < count; i++) {
      FrOps.sub(tl, 0, wj, 0, den, 4 * i);
      FrOps.mul(wj, 0, fl, 0, num, 4 * i);
      FrOps.mul(wj, 0, ws, 0, wj, 0);
    }
    FrOps.batchInverse(den, count);
    for (int i = 0; i < count; i++) {
      FrOps.mul(num, 4 * i, den, 4 * i, num, 4 * i);
    }
    return num;
  }

  // ---------------------------------------------------------------------------------------- prove

  /**
   * Proves with all available processors. See {@link #prove(ProvingKey, Fr[], SecureRandom, int)}.
   *
   * @param pk the proving key
   * @param witness the full witness, wire 0 first
   * @param rnd the blinding randomness (r, s)
   * @return the proof
   */
  public static Proof prove(ProvingKey pk, Fr[] witness, SecureRandom rnd) {
    return prove(pk, witness, rnd, Parallel.defaultThreads());
  }

  /**
   * Proves that {@code witness} satisfies the circuit of {@code pk}, exactly as snarkjs'
   * {@code groth16 prove} does (fresh blinding r, s from {@code rnd}). The witness is not checked
   * against the constraints here (the key holds only A and B): a wrong witness yields a proof
   * that does not verify.
   *
   * @param pk the proving key
   * @param witness all {@code pk.nVars()} signal values, {@code witness[0] == 1}
   * @param rnd source of the blinding factors
   * @param threads worker threads, at least 1
   * @return the proof
   * @throws InvalidInputException if the witness length is not nVars, an element is null or
   *     {@code witness[0] != 1}
   */
  public static Proof prove(ProvingKey pk, Fr[] witness, SecureRandom rnd, int threads) {
    if (pk == null || witness == null || rnd == null) {
      throw new InvalidInputException("prove: pk, witness and rnd must not be null");
    }
    if (threads < 1) {
      throw new InvalidInputException("prove: threads " + threads + " must be >= 1");
    }
    int nVars = pk.nVars;
    if (witness.length != nVars) {
      throw new InvalidInputException("prove: witness has " + witness.length + " values, the key needs nVars = " + nVars);
    }
    long[] wMont = new long[4 * nVars];
    for (int i = 0; i < nVars; i++) {
      if (witness[i] == null) {
        throw new InvalidInputException("prove: witness[" + i + "] is null");
      }
      witness[i].copyLimbsTo(wMont, 4 * i);
    }
    if (!witness[0].isOne()) {
      throw new InvalidInputException("prove: witness[0] must be 1 (the constant wire), got " + witness[0]);
    }
    return proveLimbs(pk, wMont, rnd, threads);
  }

  /**
   * Proves with all available processors; see {@link #prove(ProvingKey, Fr[], SecureRandom, int)}.
   *
   * @param pk the proving key
   * @param witness the solved witness
   * @param rnd the blinding randomness (r, s)
   * @return the proof
   * @throws InvalidInputException if the witness does not fit the key
   */
  public static Proof prove(ProvingKey pk, Witness witness, SecureRandom rnd) {
    if (witness == null) {
      throw new InvalidInputException("prove: witness must not be null");
    }
    return prove(pk, witness.toArray(), rnd, Parallel.defaultThreads());
  }

  /** Up to this many signals + domain points, the prover's five MSMs run as one task set. */
  static final int MSM_TOGETHER_MAX = 1 << 19;

  /** The prover on Montgomery witness limbs (4 per signal). */
  static Proof proveLimbs(ProvingKey pk, long[] wMont, SecureRandom rnd, int threads) {
    int nVars = pk.nVars;
    int nPub = pk.nPublic;
    Domain d = domain(pk);
    int n = d.size();
    // witness in standard form for the MSMs
    long[] wStd = new long[4 * nVars];
    Parallel.forRange(nVars, threads, 4096, (from, to) -> {
      for (int i = from; i < to; i++) {
        FrOps.fromMont(wMont, 4 * i, wStd, 4 * i);
      }
    });
    // A·w and B·w on the domain
    long[] a = new long[4 * n];
    long[] b = new long[4 * n];
    long[][] ab = {a, b};
    Parallel.forRange(2, threads, 1, (from, to) -> {
      long[] t = new long[4];
      for (int mat = from; mat < to; mat++) {
        long[] out = ab[mat];
        int[] cm = pk.coefMatrix;
        int[] cc = pk.coefConstraint;
        int[] cs = pk.coefSignal;
        long[] cv = pk.coefMont;
        for (int k = 0; k < cm.length; k++) {
          if (cm[k] != mat) {
            continue;
          }
          FrOps.mul(cv, 4 * k, wMont, 4 * cs[k], t, 0);
          FrOps.add(out, 4 * cc[k], t, 0, out, 4 * cc[k]);
        }
      }
    });
    long[] c = new long[4 * n];
    Parallel.forRange(n, threads, 4096, (from, to) -> {
      for (int i = from; i < to; i++) {
        FrOps.mul(a, 4 * i, b, 4 * i, c, 4 * i);
      }
    });
    // to coefficients, shift onto the odd coset w_2n * <w_n>, back to evaluations
    long[] shift = new long[4];
    FrOps.fromBigInteger(Domain.root(d.log() + 1), shift, 0);
    for (long[] v : ab) {
      d.ifft(v, threads);
      d.scaleByPowers(v, shift, threads);
      d.fft(v, threads);
    }
    d.ifft(c, threads);
    d.scaleByPowers(c, shift, threads);
    d.fft(c, threads);
    long[] hStd = new long[4 * n];
    Parallel.forRange(n, threads, 4096, (from, to) -> {
      long[] t = new long[4];
      for (int i = from; i < to; i++) {
        FrOps.mul(a, 4 * i, b, 4 * i, t, 0);
        FrOps.sub(t, 0, c, 4 * i, t, 0);
        FrOps.fromMont(t, 0, hStd, 4 * i);
      }
    });
    // the five MSMs share the threads: preparation in chunks, then all windows from one queue.
    // Together they hold all GLV copies and digits at once (~100 bytes per input point per MSM),
    // so large keys run them one after the other (each still spread over the threads).
    MsmJob jobA = MsmJob.g1(pk.a, wStd, 0, nVars);
    MsmJob jobB1 = MsmJob.g1(pk.b1, wStd, 0, nVars);
    MsmJob jobB2 = MsmJob.g2(pk.b2, wStd, 0, nVars);
    MsmJob jobC = MsmJob.g1(pk.c, wStd, nPub + 1, nVars - nPub - 1);
    MsmJob jobH = MsmJob.g1(pk.h, hStd, 0, n);
    MsmJob[] jobs = {jobB2, jobA, jobB1, jobC, jobH};
    if ((long) nVars + n <= MSM_TOGETHER_MAX) {
      MsmJob.runAll(threads, jobs);
    } else {
      for (MsmJob j : jobs) {
        MsmJob.runAll(threads, j);
      }
    }
    G1Point piA = jobA.g1Result();
    G1Point pb1 = jobB1.g1Result();
    G2Point piB = jobB2.g2Result();
    G1Point piC = jobC.g1Result();
    G1Point resH = jobH.g1Result();

    Fr r = nonZero(rnd);
    Fr s = nonZero(rnd);
    piA = piA.add(pk.vk.alpha1()).add(pk.delta1.mul(r));
    piB = piB.add(pk.vk.beta2()).add(pk.vk.delta2().mul(s));
    pb1 = pb1.add(pk.beta1).add(pk.delta1.mul(s));
    piC = piC.add(resH).add(piA.mul(s)).add(pb1.mul(r)).add(pk.delta1.mul(r.mul(s).neg()));
    if (piA.isInfinity() || piB.isInfinity() || piC.isInfinity()) {
      throw new ProofException("prove: a proof point is the point at infinity (degenerate key or witness)");
    }
    return new Proof(piA, piB, piC);
  }

  private static Domain domain(ProvingKey pk) {
    return pk.domain();
  }

  // --------------------------------------------------------------------------------------- verify

  /**
   * Verifies a proof against public inputs given as integers.
   *
   * @param vk the verifying key
   * @param proof the proof (its points were validated when decoded)
   * @param publicInputs exactly {@code vk.nPublic()} values, each in {@code [0, r)}
   * @return true if the proof is valid for these inputs, false for a well-formed wrong proof
   * @throws InvalidInputException for null arguments, a wrong input count or an input outside
   *     {@code [0, r)} (input aliasing is refused, not reduced)
   */
  public static boolean verify(VerifyingKey vk, Proof proof, List<BigInteger> publicInputs) {
    if (publicInputs == null) {
      throw new InvalidInputException("verify: publicInputs must not be null");
    }
    Fr[] in = new Fr[publicInputs.size()];
    for (int i = 0; i < in.length; i++) {
      BigInteger v = publicInputs.get(i);
      if (v == null || v.signum() < 0 || v.compareTo(Fr.MODULUS) >= 0) {
        throw new InvalidInputException("verify: public input " + i + " = " + v
            + " is not in [0, r), r = " + Fr.MODULUS);
      }
      in[i] = Fr.of(v);
    }
    return verify(vk, proof, in);
  }

  /**
   * Verifies a proof against public inputs given as field elements.
   *
   * @param vk the verifying key
   * @param proof the proof
   * @param publicInputs the public inputs, in circuit order, without the constant 1
   * @return true if valid, false for a well-formed wrong proof
   * @throws InvalidInputException for null arguments or a wrong input count
   */
  public static boolean verify(VerifyingKey vk, Proof proof, Fr... publicInputs) {
    if (vk == null || proof == null || publicInputs == null) {
      throw new InvalidInputException("verify: vk, proof and publicInputs must not be null");
    }
    if (publicInputs.length != vk.nPublic()) {
      throw new InvalidInputException("verify: got " + publicInputs.length + " public inputs, the key expects "
          + vk.nPublic());
    }
    for (int i = 0; i < publicInputs.length; i++) {
      if (publicInputs[i] == null) {
        throw new InvalidInputException("verify: public input " + i + " is null");
      }
    }
    VerifyingKey.Precomputed pre = vk.precomputed();
    // vk_x by GLV + wNAF with shared doublings over per-key tables
    G1Point x = pre.inputSum().sum(publicInputs);
    // e(-A, B) e(vk_x, gamma2) e(C, delta2) == e(alpha1, beta2)^-1, with the gamma2/delta2 lines
    // and e(alpha1, beta2) computed once per key; B's lines are used once, so not normalized
    Pairing.G2Prepared[] fixed = pre.gammaDelta();
    return Pairing.pairingProductEquals(
        new G1Point[] {proof.a().negate(), x, proof.c()},
        new Pairing.G2Prepared[] {Pairing.prepareOnce(proof.b()), fixed[0], fixed[1]},
        pre.alphaBetaInverse());
  }

  /**
   * @param pk the proving key (gives the number of public inputs)
   * @param witness the full witness
   * @return the public inputs of a witness: {@code witness[1..nPublic]} as integers
   */
  public static List<BigInteger> publicInputs(ProvingKey pk, Fr[] witness) {
    if (witness == null || witness.length < pk.nPublic + 1) {
      throw new InvalidInputException("publicInputs: witness must hold at least nPublic + 1 = " + (pk.nPublic + 1) + " values");
    }
    List<BigInteger> out = new ArrayList<>(pk.nPublic);
    for (int i = 1; i <= pk.nPublic; i++) {
      out.add(witness[i].toBigInteger());
    }
    return out;
  }
}
