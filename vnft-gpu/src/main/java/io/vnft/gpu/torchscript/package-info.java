/** Any TorchScript model as a {@link io.vnft.api.VideoGenerator} (optimistic verification only). */
package io.vnft.gpu.torchscript;
