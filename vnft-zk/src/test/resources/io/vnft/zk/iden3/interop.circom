pragma circom 2.0.0;
// Small circuit for vnft-zk's interop test (R1csFile/WtnsFile): circomlib's Poseidon(2) and
// LessThan(16). The test copies circomlib's circuits next to this file as lib/circuits.
include "lib/circuits/poseidon.circom";
include "lib/circuits/comparators.circom";

template Interop() {
  signal input a;
  signal input b;
  signal input c;
  signal output h;
  signal output lt;
  component p = Poseidon(2);
  p.inputs[0] <== a;
  p.inputs[1] <== b * c;
  h <== p.out;
  component l = LessThan(16);
  l.in[0] <== a;
  l.in[1] <== b;
  lt <== l.out;
}

component main {public [a]} = Interop();
