pragma circom 2.0.0;

include "circomlib/circuits/poseidon.circom";

// h_0 = in, h_{i+1} = Poseidon(h_i, i); out = h_N is the public output.
// About 240 constraints per hash with --O2 (517 with the default --O1).
template PoseidonChain(N) {
    signal input in;
    signal output out;
    component h[N];
    signal acc[N + 1];
    acc[0] <== in;
    for (var i = 0; i < N; i++) {
        h[i] = Poseidon(2);
        h[i].inputs[0] <== acc[i];
        h[i].inputs[1] <== i;
        acc[i + 1] <== h[i].out;
    }
    out <== acc[N];
}
