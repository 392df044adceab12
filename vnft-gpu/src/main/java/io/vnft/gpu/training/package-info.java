/** Training {@code vnft-gan-1} from scratch with DJL: the emoji data reader, the GAN trainer, quantisation and its check. */
package io.vnft.gpu.training;
