# Timing harness for the multiplication variants of snip.py (not part of the build). Writes a
# standalone H.java into the directory argv[1] with each variant as a method, checks every variant
# against BigInteger (edge values + random) and prints the minimum per-thread CPU time per call for a
# dependent chain (x = x*y) and for 16 independent products per round.
#   python3 vnft-zk/src/main/java/io/vnft/zk/field/codegen/bench_harness.py /tmp/h [p|r]
#   cd /tmp/h && javac H.java && java -cp . H
# Add a variant to VARIANTS (a name starting with S is a square: both inputs equal; D: timed only).
import os, sys
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import snip
P_MOD = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47
R_MOD = 0x30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001
B = ['@b[bo]', '@b[bo + 1]', '@b[bo + 2]', '@b[bo + 3]']
A = ['a0', 'a1', 'a2', 'a3']
OUT = ['r0', 'r1', 'r2', 'r3']
VARIANTS = {
    'cios': lambda: snip.cios(A, B, OUT),
    'mont52s': lambda: snip.mont52s(A, B, OUT),
    'Ssqr52s': lambda: snip.sqr52s(A, OUT),
    # a*b + b*a with one reduction (mulSum's code with distinct operands; not checked: it is 2ab)
    'Dsum52s': lambda: snip.sum52s(A, B, ['bl0', 'bl1', 'bl2', 'bl3'], A, OUT),
}
def limbs(x, w=64, n=4): return [(x >> (w*i)) & (2**w-1) for i in range(n)]
def jl(x): return "0x%016xL" % (x & (2**64-1))

def main():
    d = sys.argv[1]
    q = R_MOD if len(sys.argv) > 2 and sys.argv[2] == 'r' else P_MOD
    inv = (-pow(q, -1, 2**64)) % 2**64
    inv52 = (-pow(q, -1, 2**52)) % 2**52
    ql = limbs(q); q52 = limbs(q, 52, 5)
    out = []
    w = out.append
    w("""import java.math.BigInteger; import java.util.Random; import java.lang.management.*;
public class H {
  static final long Q0=%s,Q1=%s,Q2=%s,Q3=%s, INV=%s;
  static final long P52_0=%s,P52_1=%s,P52_2=%s,P52_3=%s,P52_4=%s;
  static final long INV52X2=%s, P52S_0=%s,P52S_1=%s,P52S_2=%s,P52S_3=%s,P52S_4=%s;
  static final BigInteger MOD = new BigInteger("%x",16);
  static long mulHi(long a, long b) { return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a); }
  static long carry(long x, long y, long s) { return ((x & y) | ((x | y) & ~s)) >>> 63; }
  static long borrow(long x, long y, long d) { return ((~x & y) | (~(x ^ y) & d)) >>> 63; }
""" % (jl(ql[0]), jl(ql[1]), jl(ql[2]), jl(ql[3]), jl(inv), *[jl(v) for v in q52], jl(2*inv52),
       *[jl(v << 11) for v in q52], q))
    names = list(VARIANTS)
    for k in names:
        w(f"  static void mul_{k}(long[] a, int ao, long[] b, int bo, long[] out, int oo) {{")
        w("    final long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2], a3 = a[ao + 3];")
        for l in VARIANTS[k](): w("    " + l)
        w("    out[oo] = r0; out[oo + 1] = r1; out[oo + 2] = r2; out[oo + 3] = r3;\n  }")
    w("  static void mul(int v, long[] a, int ao, long[] b, int bo, long[] out, int oo) { switch (v) {")
    for i, k in enumerate(names): w(f"    case {i}: mul_{k}(a, ao, b, bo, out, oo); break;")
    w("    default: throw new IllegalArgumentException();\n  } }")
    w("  static final String[] NAMES = {%s};" % ",".join('"%s"' % n for n in names))
    w(BODY)
    w("}")
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, 'H.java'), 'w').write("\n".join(out))

BODY = r'''  static BigInteger big(long[] t, int o) { BigInteger r = BigInteger.ZERO; for (int i = 3; i >= 0; i--) r = r.shiftLeft(64).or(new BigInteger(Long.toUnsignedString(t[o+i]))); return r; }
  static void put(BigInteger v, long[] t, int o) { for (int i = 0; i < 4; i++) t[o+i] = v.shiftRight(64*i).longValue(); }
  static final BigInteger RINV = BigInteger.ONE.shiftLeft(256).modInverse(MOD);
  static long sink;
  static void check(int v, Random rnd) {
    long[] a = new long[4], b = new long[4], o = new long[4];
    BigInteger[] edge = {BigInteger.ZERO, BigInteger.ONE, MOD.subtract(BigInteger.ONE), MOD.subtract(BigInteger.TWO), BigInteger.ONE.shiftLeft(253), BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE), BigInteger.ONE.shiftLeft(192).subtract(BigInteger.ONE)};
    for (int it = 0; it < 200000; it++) {
      BigInteger x = it < 49 ? edge[it % 7] : new BigInteger(254, rnd).mod(MOD);
      BigInteger y = it < 49 ? edge[it / 7] : new BigInteger(254, rnd).mod(MOD);
      if (NAMES[v].startsWith("S")) y = x; put(x, a, 0); put(y, b, 0); mul(v, a, 0, b, 0, o, 0);
      BigInteger e = x.multiply(y).multiply(RINV).mod(MOD);
      if (!big(o, 0).equals(e)) throw new AssertionError(NAMES[v] + " wrong for " + x.toString(16) + " * " + y.toString(16) + " got " + big(o,0).toString(16) + " want " + e.toString(16));
    }
  }
  static long cpu() { return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }
  // dependent chain: x = x*y
  static void chain(int v, long[] s, int n) { for (int i = 0; i < n; i++) mul(v, s, 0, s, 4, s, 0); }
  // independent: 16 elements times a fixed one
  static void stream(int v, long[] s, long[] o, int n) { for (int i = 0; i < n; i++) for (int k = 0; k < 16; k++) mul(v, s, 4 * k, s, 64, o, 4 * k); }
  public static void main(String[] args) {
    if (args.length > 0) { int v = java.util.Arrays.asList(NAMES).indexOf(args[0]); long[] s = new long[8]; Random r = new Random(3); put(new BigInteger(253, r), s, 0); put(new BigInteger(253, r), s, 4); chain(v, s, Integer.parseInt(args[1])); System.out.println(s[0]); return; }
    Random rnd = new Random(1);
    for (int v = 0; v < NAMES.length; v++) if (!NAMES[v].startsWith("D")) check(v, rnd);
    System.out.println("all variants correct");
    long[] s = new long[8]; put(new BigInteger(253, rnd), s, 0); put(new BigInteger(253, rnd), s, 4);
    long[] st = new long[68]; for (int k = 0; k < 17; k++) put(new BigInteger(253, rnd), st, 4 * k);
    long[] so = new long[64];
    int N = 200000;
    double[] bc = new double[NAMES.length], bs = new double[NAMES.length];
    java.util.Arrays.fill(bc, 1e9); java.util.Arrays.fill(bs, 1e9);
    for (int rep = 0; rep < 25; rep++) {
      for (int v = 0; v < NAMES.length; v++) {
        long t = cpu(); chain(v, s, N); double c = (cpu() - t) / (double) N;
        t = cpu(); stream(v, st, so, N / 16); double d = (cpu() - t) / (double) N;
        if (rep > 3) { bc[v] = Math.min(bc[v], c); bs[v] = Math.min(bs[v], d); }
      }
    }
    for (int v = 0; v < NAMES.length; v++) System.out.printf("%s chain %.1f ns  stream %.1f ns%n", NAMES[v], bc[v], bs[v]);
    sink = s[0] + so[0];
  }'''

if __name__ == '__main__':
    main()
