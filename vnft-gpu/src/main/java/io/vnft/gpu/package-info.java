/**
 * vnft-gpu: video generation with DJL (PyTorch engine; CUDA when present, CPU otherwise), the
 * built-in integer-exact model with its three faces (pure-Java reference, DJL, circuit),
 * TorchScript models, the encoders (MP4, GIF, PNG contact sheet) and energy metering.
 */
package io.vnft.gpu;
