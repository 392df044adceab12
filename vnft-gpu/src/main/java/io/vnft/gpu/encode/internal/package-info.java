/** Helpers of the encoders. Internal: not part of vnft's API, may change without notice. */
package io.vnft.gpu.encode.internal;
