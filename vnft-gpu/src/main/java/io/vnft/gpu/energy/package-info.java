/** Energy metering of GPU runs (NVML through nvidia-smi). */
package io.vnft.gpu.energy;
