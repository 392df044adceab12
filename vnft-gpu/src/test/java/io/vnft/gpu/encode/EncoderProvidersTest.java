package io.vnft.gpu.encode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.vnft.api.ContentId;
import io.vnft.api.Providers;
import io.vnft.api.VideoEncoder;
import io.vnft.api.VideoEncoderProvider;
import io.vnft.api.VideoFrames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderProvidersTest {

  @TempDir Path dir;

  @Test
  void serviceLoaderFindsMp4FirstThenGif() {
    List<VideoEncoderProvider> all = Providers.all(VideoEncoderProvider.class, getClass().getClassLoader());
    assertEquals(List.of("mp4", "gif"), all.stream().map(VideoEncoderProvider::name).toList());
    assertInstanceOf(Mp4Encoder.class, all.get(0).create());
    assertInstanceOf(GifEncoder.class, all.get(1).create());
  }

  @Test
  void writtenFilesHaveTheCidOfTheEncodedBytes() throws Exception {
    VideoFrames frames = TestVideos.gradient(32, 32, 4, 8);
    for (VideoEncoder enc : List.of(new Mp4Encoder(), new GifEncoder())) {
      byte[] bytes = enc.encode(frames);
      Path file = dir.resolve("v." + enc.fileExtension());
      if (enc instanceof Mp4Encoder m) {
        m.write(frames, file);
      } else {
        ((GifEncoder) enc).write(frames, file);
      }
      assertArrayEquals(bytes, Files.readAllBytes(file), enc.mimeType() + ": write() == encode()");
      try (var in = Files.newInputStream(file)) {
        assertEquals(ContentId.compute(bytes), ContentId.compute(in));
      }
    }
  }
}
