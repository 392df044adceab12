/**
 * benchmarks: JMH benchmarks of the arithmetic, proving, generation and chain paths, and the
 * side-by-side comparison scripts against peers such as snarkjs.
 */
package io.vnft.benchmarks;
