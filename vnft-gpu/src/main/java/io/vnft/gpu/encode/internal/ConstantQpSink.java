package io.vnft.gpu.encode.internal;

import java.nio.ByteBuffer;
import org.jcodec.api.transcode.SinkImpl;
import org.jcodec.codecs.h264.H264Encoder;
import org.jcodec.codecs.h264.encode.RateControl;
import org.jcodec.codecs.h264.io.model.SeqParameterSet;
import org.jcodec.codecs.h264.io.model.SliceType;
import org.jcodec.codecs.h264.io.model.VUIParameters;
import org.jcodec.common.Codec;
import org.jcodec.common.Format;
import org.jcodec.common.VideoEncoder;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Size;

/**
 * JCodec's MP4 sink with its H.264 encoder replaced by one at a constant quantiser that also
 * declares BT.709 limited-range colour. Feed it pictures from {@link Bt709#fromRgb}. JCodec 0.2.5's
 * default rate control targets a low bit budget per macroblock and leaves visible blocking on
 * smooth gradients; a constant QP gives even quality over the frame. Internal: not part of vnft's
 * API. Not thread-safe (one per encoding).
 */
public final class ConstantQpSink extends SinkImpl {

  private final H264Encoder encoder;

  /**
   * @param file the MP4 file to write (opened by {@link #init()})
   * @param qp the H.264 quantiser, 0..51 (lower is better quality and larger)
   */
  public ConstantQpSink(String file, int qp) {
    super(file, Format.MOV, Codec.H264, null);
    this.encoder = new TaggedEncoder(new ConstantQp(qp));
  }

  @Override
  protected VideoEncoder.EncodedFrame encodeVideo(Picture frame, ByteBuffer buffer) {
    return encoder.encodeFrame(frame, buffer);
  }

  /**
   * Declares the colour of the stream in the SPS VUI: BT.709 primaries, transfer and matrix
   * (code 1 each, ITU-T H.264 Table E-3..E-5) in limited range — what {@link Bt709} writes — so
   * that players do not guess.
   */
  private static final class TaggedEncoder extends H264Encoder {
    TaggedEncoder(RateControl rc) {
      super(rc);
    }

    @Override
    public SeqParameterSet initSPS(Size size) {
      SeqParameterSet sps = super.initSPS(size);
      VUIParameters vui = new VUIParameters();
      vui.videoSignalTypePresentFlag = true;
      vui.videoFormat = 5; // unspecified
      vui.videoFullRangeFlag = false;
      vui.colourDescriptionPresentFlag = true;
      vui.colourPrimaries = 1;
      vui.transferCharacteristics = 1;
      vui.matrixCoefficients = 1;
      sps.vuiParams = vui;
      return sps;
    }
  }

  /** Same quantiser for every picture and macroblock. */
  private record ConstantQp(int qp) implements RateControl {
    @Override
    public int startPicture(Size size, int maxSize, SliceType sliceType) {
      return qp;
    }

    @Override
    public int initialQpDelta() {
      return 0;
    }

    @Override
    public int accept(int bits) {
      return 0;
    }
  }
}
