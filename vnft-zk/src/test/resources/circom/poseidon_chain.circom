pragma circom 2.0.0;

include "poseidon_chain_template.circom";

component main = PoseidonChain(1);
