/** The protocol commitments: seed and framesRoot (Poseidon over BN254, from vnft-zk). */
package io.vnft.gpu.commit;
