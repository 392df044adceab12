/**
 * The measured-quality report of {@code vnft-gan-1} ({@link io.vnft.benchmarks.gan.GanQualityReport},
 * run by {@code benchmarks/gan-quality.sh}): held-out prompts rendered by the model and ranked
 * against the training images by a fixed image similarity. A report tool, not part of
 * {@code mvn verify}.
 */
package io.vnft.benchmarks.gan;
