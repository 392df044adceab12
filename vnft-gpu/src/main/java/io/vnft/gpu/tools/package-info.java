/** Command-line tools of vnft-gpu: weights generation and the model's contact sheet. */
package io.vnft.gpu.tools;
