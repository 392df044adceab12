package io.vnft.gpu.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.vnft.gpu.model.CppnSpec;
import org.junit.jupiter.api.Test;

/**
 * The float32 tricks of {@link DjlCppn} (floor by rounding, mod 512 by rounding to a multiple of
 * 512) checked against integer arithmetic over every pre-activation the model can produce.
 */
class DjlArithmeticTest {
  @Test
  void activationIsTheTriangleWaveForEveryPreActivation() {
    // |a| < 2^19 covers layers 1 (|a1| <= 2^16), 2, 3 and the output (spec section 8)
    int lo = -(1 << 19);
    int n = 1 << 20;
    for (int shift : new int[] {CppnSpec.SHIFT1, CppnSpec.SHIFT_HIDDEN, CppnSpec.SHIFT_OUT}) {
      float[] a = new float[n];
      float d = DjlCppn.floorOffset(shift);
      for (int i = 0; i < n; i++) {
        a[i] = (float) Math.scalb((double) (lo + i), -shift) - d;
      }
      try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
        NDArray x = m.create(a, new Shape(n));
        float[] got = DjlCppn.activation(x, new DjlCppn.Constants(m)).toFloatArray();
        for (int i = 0; i < n; i++) {
          int want = CppnSpec.tri((lo + i) >> shift);
          assertEquals(want + 0.5f, got[i], "shift " + shift + ", a = " + (lo + i));
        }
      }
    }
  }

  @Test
  void centredResidueIsFloorPlusHalfModulo512() {
    int lo = -(1 << 19);
    int n = 1 << 20;
    int shift = CppnSpec.SHIFT_HIDDEN;
    float[] a = new float[n];
    float d = DjlCppn.floorOffset(shift);
    for (int i = 0; i < n; i++) {
      a[i] = (float) Math.scalb((double) (lo + i), -shift) - d;
    }
    try (NDManager m = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
      float[] got = DjlCppn.centred(m.create(a, new Shape(n)), new DjlCppn.Constants(m))
          .toFloatArray();
      for (int i = 0; i < n; i++) {
        float r = got[i];
        int q = (lo + i) >> shift;
        assertEquals(true, r > -256 && r < 256, "range at a = " + (lo + i));
        assertEquals(Math.floorMod(q, 512), Math.floorMod((int) Math.floor(r), 512),
            "residue at a = " + (lo + i));
        assertEquals(0.5f, r - (float) Math.floor(r), "half-integer at a = " + (lo + i));
      }
    }
  }
}
