# Shared code snippets (CIOS Montgomery multiplication, modular add/sub) for the generators.
# Code snippets shared by the Ops and element generators.
CARRY_MODE = "formula"

def carry(x, y, s):
    if CARRY_MODE == "formula":
        return f"carry({x}, {y}, {s})"
    return f"(Long.compareUnsigned({s}, {x}) < 0 ? 1L : 0L)"

def cios(a, b, out):
    """Lines computing Montgomery product of limbs a[0..3], b[0..3] into locals out[0..3] (declared)."""
    L = []
    w = L.append
    t = ['t0','t1','t2','t3']; Q=['Q0','Q1','Q2','Q3']
    w("long t0, t1, t2, t3, A, C, m, lo, hi, s, x;")
    for i in range(4):
        bi = b[i]
        if bi.startswith("@"):  # load the row's limb lazily (fewer live registers)
            w(f"final long bl{i} = {bi[1:]};")
            bi = f"bl{i}"
        if i == 0:
            w(f"t0 = {a[0]} * {bi}; A = mulHi({a[0]}, {bi});")
        else:
            w(f"lo = {a[0]} * {bi}; hi = mulHi({a[0]}, {bi}); s = lo + t0; A = hi + {carry('lo','t0','s')}; t0 = s;")
        w("m = t0 * INV;")
        w(f"lo = m * Q0; hi = mulHi(m, Q0); s = lo + t0; C = hi + {carry('lo','t0','s')};")
        for j in range(1,4):
            if i == 0:
                w(f"lo = {a[j]} * {bi}; hi = mulHi({a[j]}, {bi}); s = lo + A; A = hi + {carry('lo','A','s')}; {t[j]} = s;")
            else:
                w(f"lo = {a[j]} * {bi}; hi = mulHi({a[j]}, {bi}); x = {t[j]} + A; hi += {carry(t[j],'A','x')}; s = lo + x; A = hi + {carry('lo','x','s')}; {t[j]} = s;")
            w(f"lo = m * {Q[j]}; hi = mulHi(m, {Q[j]}); x = {t[j]} + C; hi += {carry(t[j],'C','x')}; s = lo + x; C = hi + {carry('lo','x','s')}; {t[j-1]} = s;")
        w("t3 = C + A;")
    L += reduce(t, out)
    return L

def reduce(t, out):
    """Lines: out = t - q if t >= q else t, for t < 2q (branch-free select)."""
    L = []
    w = L.append
    w(f"long d0 = {t[0]} - Q0; long br = borrow({t[0]}, Q0, d0);")
    for i in range(1,4):
        w(f"long d{i} = {t[i]} - Q{i} - br; br = borrow({t[i]}, Q{i}, d{i});")
    w("long keep = -br; // all ones if t < q")
    for i in range(4):
        w(f"long {out[i]} = (d{i} & ~keep) | ({t[i]} & keep);")
    return L

def add(a, b, out):
    L = []
    w = L.append
    w(f"long s0 = {a[0]} + {b[0]}; long c = carry({a[0]}, {b[0]}, s0);")
    for i in range(1,3):
        w(f"long s{i} = {a[i]} + {b[i]} + c; c = carry({a[i]}, {b[i]}, s{i});")
    w(f"long s3 = {a[3]} + {b[3]} + c; // no overflow: both < 2^254")
    L += reduce(['s0','s1','s2','s3'], out)
    return L

def sub(a, b, out):
    L = []
    w = L.append
    w(f"long e0 = {a[0]} - {b[0]}; long bw = borrow({a[0]}, {b[0]}, e0);")
    for i in range(1,4):
        w(f"long e{i} = {a[i]} - {b[i]} - bw; bw = borrow({a[i]}, {b[i]}, e{i});")
    w("long mk = -bw; // add q back if we borrowed")
    w("long f0 = e0 + (Q0 & mk); long cc = carry(e0, Q0 & mk, f0);")
    for i in range(1,3):
        w(f"long f{i} = e{i} + (Q{i} & mk) + cc; cc = carry(e{i}, Q{i} & mk, f{i});")
    w(f"long f3 = e3 + (Q3 & mk) + cc;")
    for i in range(4):
        w(f"long {out[i]} = f{i};")
    return L


# ---------------------------------------------------------------------------------------------
# Radix-2^52 Montgomery multiplication (what FpOps/FrOps/Fp/Fr use; cios above is the former 4x64
# version, kept as the reference variant of bench_harness.py).
#
# Inputs are 4x64-bit limbs below 2^255 (anything below twice either modulus), so limb 3's sign bit
# is clear. Inside, values are five 52-bit limbs. The factors are pre-scaled so that for limbs x, y
# (below 2^52) the operands x' = x << 11 (below 2^63) and y' = y << 1 (below 2^53) give
# x'y' = xy 2^12 < 2^116: the signed Math.multiplyHigh(x', y') is exact and equals xy >> 52, and
# (x' * y') >>> 12 is xy mod 2^52 -- two multiplications and one shift per 52x52 product, no sign
# corrections, no masks. Partial sums are accumulated without carry checks (each accumulator stays
# below 2^62) and normalised once at the end. Montgomery reduction runs five times by 2^52 = 2^260;
# the first factor is taken times 2^4, so the result is a*b / 2^256 as before (R = 2^256).
# Measured alternatives (bench_harness.py; 2-core EPYC VM, JDK 17 C2, min CPU time per mul):
# former CIOS 87-90 ns; 4x64 CIOS with sign masks and compareUnsigned carries 85-86 ns; unscaled
# 52-bit split (masks + shifts) 85-93 ns; this scaled split 65-70 ns in row (CIOS) order, 73-76 ns
# in column order; y limbs split lazily per row: no gain. C2's code for it is ~750 instructions,
# about 300 of them register moves and spills (16 registers; multiplyHigh is pinned to rax/rdx).

M52 = "0xfffffffffffffL"
M52x11 = "0x7ffffffffffff800L"  # (2^52 - 1) << 11
M52x1 = "0x001ffffffffffffeL"   # (2^52 - 1) << 1

def _split52s(v, names, which):
    """5x52-bit limbs of v, pre-scaled for the split product: which='x': limbs of (v << 4), each << 11
    (below 2^63); which='y': limbs of v, each << 1 (below 2^53)."""
    if which == 'x':
        M = M52x11
        return [f"final long {names[0]} = ({v[0]} << 15) & {M}, {names[1]} = (({v[0]} >>> 37) | ({v[1]} << 27)) & {M},"
                f" {names[2]} = (({v[1]} >>> 25) | ({v[2]} << 39)) & {M}, {names[3]} = (({v[2]} >>> 13) | ({v[3]} << 51)) & {M},"
                f" {names[4]} = ({v[3]} >>> 1) & {M};"]
    M = M52x1
    return [f"final long {names[0]} = ({v[0]} << 1) & {M}, {names[1]} = (({v[0]} >>> 51) | ({v[1]} << 13)) & {M},"
            f" {names[2]} = (({v[1]} >>> 39) | ({v[2]} << 25)) & {M}, {names[3]} = (({v[2]} >>> 27) | ({v[3]} << 37)) & {M},"
            f" {names[4]} = ({v[3]} >>> 15) & {M};"]

def mont52s(a, b, out, P=""):
    """Lines: out (4x64, declared) = a * b / 2^256 mod q, row by row (CIOS order) in radix 2^52.
    a, b: 4x64 limb expressions ('@expr' for a limb loaded once at the start); P: prefix of the
    Ops constants ('' inside FpOps/FrOps, 'FpOps.' elsewhere)."""
    L = []
    w = L.append
    bb = []
    for i, v in enumerate(b):
        if v.startswith("@"):
            w(f"final long bl{i} = {v[1:]};")
            bb.append(f"bl{i}")
        else:
            bb.append(v)
    X = [f"x{j}" for j in range(5)]
    Y = [f"y{j}" for j in range(5)]
    L += _split52s(a, X, 'x')
    L += _split52s(bb, Y, 'y')
    Qn = [f"{P}P52S_{j}" for j in range(5)]
    slots = [None] * 6  # accumulator of each 52-bit column of the current window
    cnt = [0]
    def acc(k, e):
        if slots[k] is None:
            cnt[0] += 1
            nm = f"u{cnt[0]}"
            w(f"long {nm} = {e};")
            slots[k] = nm
        else:
            w(f"{slots[k]} += {e};")
    for i in range(5):
        for j in range(5):
            acc(j, f"({X[j]} * {Y[i]}) >>> 12")
            acc(j + 1, f"Math.multiplyHigh({X[j]}, {Y[i]})")
        # m' = 2m where m = -t0/q mod 2^52 (pre-scaled like y)
        w(f"final long m{i} = ({slots[0]} * {P}INV52X2) & {M52x1};")
        for j in range(5):
            if j > 0:
                acc(j, f"(m{i} * {Qn[j]}) >>> 12")
            acc(j + 1, f"Math.multiplyHigh(m{i}, {Qn[j]})")
        # column 0 plus lo(m q0) is a multiple of 2^52 by the choice of m, with lo(m q0) = -t0 mod 2^52,
        # so it carries (t0 + 2^52 - 1) >>> 52 into column 1 and lo(m q0) is never computed
        w(f"{slots[1]} += ({slots[0]} + {M52}) >>> 52;")
        slots = slots[1:] + [None]
    L += final52(slots[:5], out, P)
    return L


def sum52s(a, b, c, d, out, P=""):
    """Lines: out = (a*b + c*d) / 2^256 mod q with one Montgomery reduction (mont52s with the two
    products' rows interleaved). All four inputs at most q, so a*b + c*d < 2q^2 and the reduced
    value stays below 2q before the final subtraction; each accumulator stays below 2^58."""
    L = []
    w = L.append
    def loads(v, pre):
        r = []
        for i, e in enumerate(v):
            if e.startswith("@"):
                w(f"final long {pre}{i} = {e[1:]};")
                r.append(f"{pre}{i}")
            else:
                r.append(e)
        return r
    bb = loads(b, "bl")
    cc = loads(c, "cl")
    dd = loads(d, "dl")
    X = [f"x{j}" for j in range(5)]
    Y = [f"y{j}" for j in range(5)]
    X2 = [f"xx{j}" for j in range(5)]
    Y2 = [f"yy{j}" for j in range(5)]
    L += _split52s(a, X, 'x')
    L += _split52s(bb, Y, 'y')
    L += _split52s(cc, X2, 'x')
    L += _split52s(dd, Y2, 'y')
    Qn = [f"{P}P52S_{j}" for j in range(5)]
    slots = [None] * 6
    cnt = [0]
    def acc(k, e):
        if slots[k] is None:
            cnt[0] += 1
            nm = f"u{cnt[0]}"
            w(f"long {nm} = {e};")
            slots[k] = nm
        else:
            w(f"{slots[k]} += {e};")
    for i in range(5):
        for j in range(5):
            acc(j, f"({X[j]} * {Y[i]}) >>> 12")
            acc(j + 1, f"Math.multiplyHigh({X[j]}, {Y[i]})")
            acc(j, f"({X2[j]} * {Y2[i]}) >>> 12")
            acc(j + 1, f"Math.multiplyHigh({X2[j]}, {Y2[i]})")
        w(f"final long m{i} = ({slots[0]} * {P}INV52X2) & {M52x1};")
        for j in range(5):
            if j > 0:
                acc(j, f"(m{i} * {Qn[j]}) >>> 12")
            acc(j + 1, f"Math.multiplyHigh(m{i}, {Qn[j]})")
        w(f"{slots[1]} += ({slots[0]} + {M52}) >>> 52;")  # lo(m q0) folded in, as in mont52s
        slots = slots[1:] + [None]
    L += final52(slots[:5], out, P)
    return L


def sqr52s(a, out, P=""):
    """Montgomery square in radix 2^52: each cross product z_i z_j (i < j) once, pre-scaled so its
    split gives 32 z_i z_j (twice the product, times the 2^4 that makes the total reduction 2^256),
    diagonal products give 16 z_i^2. Products of one column are added just before that column's
    reduction step (the sum of indices decides the column), which keeps few accumulators live."""
    L = []
    w = L.append
    M = M52
    v = a
    w(f"final long z0 = {v[0]} & {M}, z1 = (({v[0]} >>> 52) | ({v[1]} << 12)) & {M},"
      f" z2 = (({v[1]} >>> 40) | ({v[2]} << 24)) & {M}, z3 = (({v[2]} >>> 28) | ({v[3]} << 36)) & {M}, z4 = {v[3]} >>> 16;")
    w("final long x0 = z0 << 11, x1 = z1 << 11, x2 = z2 << 11, x3 = z3 << 11;")  # z4 is never the left factor
    w("final long c1 = z1 << 6, c2 = z2 << 6, c3 = z3 << 6, c4 = z4 << 6;")
    w("final long e0 = z0 << 5, e1 = z1 << 5, e2 = z2 << 5, e3 = z3 << 5, e4 = z4 << 5, x4 = z4 << 11;")
    Qn = [f"{P}P52S_{j}" for j in range(5)]
    slots = {}
    cnt = [0]
    def acc(k, e):
        if k not in slots:
            cnt[0] += 1
            nm = f"u{cnt[0]}"
            w(f"long {nm} = {e};")
            slots[k] = nm
        else:
            w(f"{slots[k]} += {e};")
    def prods(col):
        for i in range(5):
            j = col - i
            if j < i or j > 4:
                continue
            l, r = (f"x{i}", f"c{j}") if i < j else (f"x{i}", f"e{i}")
            acc(col, f"({l} * {r}) >>> 12")
            acc(col + 1, f"Math.multiplyHigh({l}, {r})")
    for i in range(5):
        prods(i)
        w(f"final long m{i} = ({slots[i]} * {P}INV52X2) & {M52x1};")
        for j in range(5):
            if j > 0:
                acc(i + j, f"(m{i} * {Qn[j]}) >>> 12")
            acc(i + j + 1, f"Math.multiplyHigh(m{i}, {Qn[j]})")
        w(f"{slots[i + 1]} += ({slots[i]} + {M52}) >>> 52;")  # lo(m q0) folded in, as in mont52s
    for col in range(5, 9):
        prods(col)
    s = [slots[k] for k in range(5, 10)]
    L += final52(s, out, P)
    return L


def final52(s, out, P=""):
    """Lines: out (4x64, declared) = T mod q for T = sum s[j] 2^(52j) < 2q given as unnormalised
    52-bit-radix accumulators (each below 2^62). T and T - q are normalised side by side (signed
    shifts carry the borrows of T - q) and T - q is kept when it is not negative."""
    L = []
    w = L.append
    M = M52
    w(f"final long k0 = {s[0]}, k1 = {s[1]} + (k0 >>> 52), k2 = {s[2]} + (k1 >>> 52), k3 = {s[3]} + (k2 >>> 52), k4 = {s[4]} + (k3 >>> 52);")
    w(f"final long d0 = {s[0]} - {P}P52_0, d1 = {s[1]} - {P}P52_1 + (d0 >> 52), d2 = {s[2]} - {P}P52_2 + (d1 >> 52),"
      f" d3 = {s[3]} - {P}P52_3 + (d2 >> 52), d4 = {s[4]} - {P}P52_4 + (d3 >> 52);")
    w("final long keep = d4 >> 63; // all ones if T < q")
    w(f"final long n0 = ((d0 & ~keep) | (k0 & keep)) & {M}, n1 = ((d1 & ~keep) | (k1 & keep)) & {M},"
      f" n2 = ((d2 & ~keep) | (k2 & keep)) & {M}, n3 = ((d3 & ~keep) | (k3 & keep)) & {M}, n4 = (d4 & ~keep) | (k4 & keep);")
    w(f"final long {out[0]} = n0 | (n1 << 52), {out[1]} = (n1 >>> 12) | (n2 << 40), {out[2]} = (n2 >>> 24) | (n3 << 28),"
      f" {out[3]} = (n3 >>> 36) | (n4 << 16);")
    return L
