/**
 * Files people can watch, made from raw frames: {@link io.vnft.gpu.encode.Mp4Encoder} (H.264 in
 * MP4, JCodec), {@link io.vnft.gpu.encode.GifEncoder} (looping animated GIF) and
 * {@link io.vnft.gpu.encode.ContactSheet} (a PNG grid of frames). All are pure Java, deterministic
 * for the same frames (labelled contact sheets excepted, fonts differ between machines), and write
 * files under a temporary name renamed when complete. The encoders are found by
 * {@link java.util.ServiceLoader} as {@link io.vnft.api.VideoEncoderProvider}s named {@code mp4}
 * and {@code gif}. The CID of any file is {@link io.vnft.api.ContentId#compute(byte[])}.
 */
package io.vnft.gpu.encode;
