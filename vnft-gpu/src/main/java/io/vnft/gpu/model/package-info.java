/**
 * The built-in model {@code vnft-cppn-1}: its constants ({@link io.vnft.gpu.model.CppnSpec}),
 * weights, prompt styles, seed latent and the pure-Java integer reference. The normative text is
 * {@code docs/model-vnft-cppn-1.md}.
 */
package io.vnft.gpu.model;
