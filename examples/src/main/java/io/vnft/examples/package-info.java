/**
 * examples: the {@code vnft} command line (demo, generate, verify, operator, challenger).
 */
package io.vnft.examples;
