/**
 * vnft-gpu: video generation with DJL (PyTorch engine; CUDA when present, CPU otherwise), the
 * built-in integer-exact models with their three faces (pure-Java reference, DJL, circuit),
 * TorchScript models, the encoders (MP4, GIF, PNG contact sheet) and energy metering. This package
 * holds the list of built-in models ({@link io.vnft.gpu.BuiltInModels}) and the generator that
 * serves all of them ({@link io.vnft.gpu.BuiltInVideoGenerator}).
 */
package io.vnft.gpu;
