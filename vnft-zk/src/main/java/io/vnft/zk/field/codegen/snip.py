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
