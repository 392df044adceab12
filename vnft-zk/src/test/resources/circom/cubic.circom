pragma circom 2.0.0;

// y = x^3 + x + k with k public: a small circuit with one output and one public input.
template Cubic() {
    signal input x;
    signal input k;
    signal output y;
    signal x2;
    x2 <== x * x;
    y <== x2 * x + x + k;
}

component main {public [k]} = Cubic();
