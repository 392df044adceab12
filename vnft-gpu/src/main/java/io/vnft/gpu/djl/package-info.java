/** The DJL (PyTorch engine) faces of {@code vnft-cppn-1} and {@code vnft-gan-1}: CPU by default, CUDA when present or asked. */
package io.vnft.gpu.djl;
