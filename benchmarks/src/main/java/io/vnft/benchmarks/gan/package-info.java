/**
 * The measured-quality report of {@code vnft-gan-1} ({@link io.vnft.benchmarks.gan.GanQualityReport},
 * run by {@code benchmarks/gan-quality.sh}): held-out prompts rendered by the model and ranked
 * against the training images by a fixed image similarity; and the ceiling a conditioning layout
 * puts on that score ({@link io.vnft.benchmarks.gan.GanCodeCeiling}, {@code benchmarks/gan-code-ceiling.sh}).
 * Report tools, not part of
 * {@code mvn verify}.
 */
package io.vnft.benchmarks.gan;
