/** The pixel circuits of the built-in models ({@code vnft-cppn-1}, {@code vnft-gan-1}) in vnft-zk's DSL, and their proof system. */
package io.vnft.gpu.circuit;
