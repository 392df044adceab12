/** The DJL (PyTorch engine) face of {@code vnft-cppn-1}: CPU by default, CUDA when present or asked. */
package io.vnft.gpu.djl;
