package io.vnft.api;

/**
 * Builds a token's metadata JSON: the ERC-721 / OpenSea fields plus ERC-7007's {@code aigc_type}
 * and {@code aigc_data}, and vnft's own fields (model, seed, framesRoot, trigger, round).
 * {@code frames_cid} names the raw RGB8 frames (the exact bytes {@code framesRoot} commits to),
 * so a challenger can find a wrong pixel without trusting the lossy video file.
 * Keys are written in a fixed order and numbers as strings, so the bytes (and the CID) are
 * reproducible.
 */
final class MetadataJson {
  private MetadataJson() {}

  static String of(Trigger t, PriceRound round, Bytes32 seed, Bytes32 framesRoot, ContentId video,
      ContentId rawFrames, String mimeType, ModelInfo model, VideoFormat format) {
    StringBuilder sb = new StringBuilder(512);
    sb.append('{');
    field(sb, "name", "vnft #" + t.triggerId()).append(',');
    field(sb, "description", t.prompt()).append(',');
    field(sb, "animation_url", "ipfs://" + video.value()).append(',');
    field(sb, "mime_type", mimeType).append(',');
    field(sb, "aigc_type", "video").append(',');
    field(sb, "aigc_data", framesRoot.hex()).append(',');
    field(sb, "proof_type", model.circuitBacked() ? "optimistic+groth16-bn254" : "optimistic").append(',');
    field(sb, "model", model.modelId()).append(',');
    field(sb, "model_weights_hash", model.weightsHash().hex()).append(',');
    field(sb, "seed", seed.hex()).append(',');
    field(sb, "frames_root", framesRoot.hex()).append(',');
    field(sb, "frames_cid", rawFrames.value()).append(',');
    field(sb, "width", Integer.toString(format.width())).append(',');
    field(sb, "height", Integer.toString(format.height())).append(',');
    field(sb, "frames", Integer.toString(format.frames())).append(',');
    field(sb, "fps", Integer.toString(format.fps())).append(',');
    field(sb, "trigger_id", t.triggerId().toString()).append(',');
    field(sb, "feed", t.feed().hex()).append(',');
    field(sb, "direction", t.direction().name()).append(',');
    field(sb, "threshold", t.threshold().toString()).append(',');
    field(sb, "round_id", round.roundId().toString()).append(',');
    field(sb, "round_answer", round.answer().toString()).append(',');
    field(sb, "prompt_hash", t.promptHash().hex()).append(',');
    field(sb, "style", Long.toString(t.style()));
    return sb.append('}').toString();
  }

  private static StringBuilder field(StringBuilder sb, String key, String value) {
    return quote(sb, key).append(':').append(quote(new StringBuilder(), value));
  }

  static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }
}
