/** The pixel circuit of {@code vnft-cppn-1} in vnft-zk's DSL, and its proof system. */
package io.vnft.gpu.circuit;
