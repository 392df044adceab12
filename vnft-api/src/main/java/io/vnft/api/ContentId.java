package io.vnft.api;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An IPFS content identifier, version 1, in its canonical text form: multibase {@code 'b'}
 * (RFC 4648 base32, lower case, no padding), e.g. {@code bafkrei...} for a raw block or
 * {@code bafybei...} for a dag-pb node.
 *
 * <p>The constructor (and {@link #parse(String)}) validates the whole structure: the multibase
 * prefix and alphabet, CID version 1, a minimal unsigned varint codec, and a complete multihash
 * (minimal varint code and length, exactly that many digest bytes; a sha2-256 digest is 32 bytes).
 * Only CIDv1 base32 is accepted: a CIDv0 ({@code Qm...}) or another multibase is refused, so that
 * each content has one spelling and {@link #equals(Object)} compares contents.
 *
 * <p>{@link #compute(byte[])} and {@link #compute(InputStream)} compute the CID exactly as
 * {@code ipfs add --cid-version 1} (kubo) does for a file, without a node:
 * <ul>
 *   <li>chunker {@code size-262144}: the file is cut into fixed 262 144-byte chunks (the last may be
 *       shorter) — kubo's default chunker;</li>
 *   <li>raw leaves: each chunk is a block of codec {@code raw} (0x55) hashed with sha2-256
 *       (0x12) — {@code --cid-version 1} turns {@code --raw-leaves} on in kubo;</li>
 *   <li>a file of one chunk (at most 262 144 bytes, the empty file included) is that single raw
 *       leaf, so its CID is {@code bafkrei...} = CIDv1(raw, sha2-256(bytes));</li>
 *   <li>longer files: the balanced layout (kubo's default {@code --trickle=false}) with at most
 *       174 links per node (go-unixfs {@code helpers.DefaultLinksPerBlock}); each inner node is a
 *       dag-pb (0x70) {@code PBNode} whose {@code Data} is a UnixFS {@code Data} message of type
 *       {@code File} with {@code filesize} and one {@code blocksizes} entry per child, and whose
 *       links have an empty {@code Name} and {@code Tsize} = the child's cumulative block size.</li>
 * </ul>
 * Sources: the CID spec (github.com/multiformats/cid), multibase and unsigned-varint specs
 * (github.com/multiformats/multibase, .../unsigned-varint), the multicodec table (raw 0x55,
 * dag-pb 0x70, sha2-256 0x12), the dag-pb spec (ipld.io/specs/codecs/dag-pb: links field 2 are
 * written before data field 1; link fields Hash=1, Name=2, Tsize=3) and the UnixFS spec
 * (specs.ipfs.tech/unixfs: Type=1, Data=2, filesize=3, blocksizes=4, proto2 unpacked). The
 * result is cross-checked in vnft-gpu's tests against the npm package {@code ipfs-only-hash}.
 *
 * <p>Instances are immutable and thread-safe. The compute methods keep at most one chunk plus
 * one pending link list per tree level in memory, whatever the file size.
 *
 * @param value the CID text, {@code b} followed by lower-case base32
 */
public record ContentId(String value) {

  /** Chunk size of kubo's default chunker ({@code size-262144}), in bytes. */
  public static final int CHUNK_SIZE = 262_144;

  /** Maximum number of links per node in kubo's balanced layout (go-unixfs DefaultLinksPerBlock). */
  public static final int MAX_LINKS = 174;

  /** Multicodec code of the {@code raw} codec (a leaf block holding file bytes). */
  public static final int CODEC_RAW = 0x55;

  /** Multicodec code of the {@code dag-pb} codec (a UnixFS inner node). */
  public static final int CODEC_DAG_PB = 0x70;

  /** Multicodec code of the sha2-256 multihash. */
  public static final int MULTIHASH_SHA2_256 = 0x12;

  /** Longest CID text accepted, in characters (a 64-byte digest CID is about 120). */
  public static final int MAX_TEXT_LENGTH = 512;

  private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

  /**
   * Validates the CID text; see the class comment for the rules.
   *
   * @param value the CID text, {@code b} followed by lower-case base32
   */
  public ContentId {
    if (value == null) {
      throw new InvalidInputException("contentId: must not be null");
    }
    decodeAndCheck(value);
  }

  /**
   * Parses a CIDv1 base32 text.
   *
   * @param text the CID, e.g. {@code bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku}
   * @return the validated content id
   * @throws InvalidInputException when the text is not a well-formed CIDv1 in base32
   */
  public static ContentId parse(String text) {
    return new ContentId(text);
  }

  /**
   * Builds the CIDv1 of a block from its codec and sha2-256 digest.
   *
   * @param codec the multicodec of the block, e.g. {@link #CODEC_RAW} or {@link #CODEC_DAG_PB}
   * @param sha256 the 32-byte sha2-256 digest of the block
   * @return the CID
   * @throws InvalidInputException when the codec is negative or the digest is not 32 bytes
   */
  public static ContentId of(int codec, byte[] sha256) {
    if (codec < 0) {
      throw new InvalidInputException("codec: must be >= 0, got " + codec);
    }
    if (sha256 == null || sha256.length != 32) {
      throw new InvalidInputException("sha256: must be 32 bytes");
    }
    return new ContentId(encode(cidBytes(codec, sha256)));
  }

  /**
   * Computes the CID that {@code ipfs add --cid-version 1} gives this file.
   *
   * @param file the whole file content (not modified)
   * @return the CIDv1 of the file's UnixFS DAG
   * @throws InvalidInputException when {@code file} is null
   */
  public static ContentId compute(byte[] file) {
    if (file == null) {
      throw new InvalidInputException("file: must not be null");
    }
    return compute(new ByteArrayInputStream(file));
  }

  /**
   * Computes the CID that {@code ipfs add --cid-version 1} gives the bytes read from the stream,
   * reading it to its end. The stream is not closed.
   *
   * @param in the file content
   * @return the CIDv1 of the file's UnixFS DAG
   * @throws InvalidInputException when {@code in} is null
   * @throws ContentStoreException when reading the stream fails
   */
  public static ContentId compute(InputStream in) {
    if (in == null) {
      throw new InvalidInputException("in: must not be null");
    }
    DagBuilder builder = new DagBuilder();
    byte[] chunk = new byte[CHUNK_SIZE];
    boolean any = false;
    try {
      while (true) {
        int n = in.readNBytes(chunk, 0, CHUNK_SIZE);
        if (n == 0 && any) {
          break;
        }
        // The empty file is one empty raw leaf (kubo's balanced layout: NewLeafNode(nil)).
        builder.addLeaf(chunk, n);
        any = true;
        if (n < CHUNK_SIZE) {
          break;
        }
      }
    } catch (IOException e) {
      throw new ContentStoreException("reading the content to compute its CID failed", e);
    }
    return builder.finish();
  }

  /**
   * Tells whether {@code file} is exactly the content this CID names, by recomputing its CID.
   *
   * @param file the file content
   * @return {@code true} when {@code compute(file).equals(this)}
   * @throws InvalidInputException when {@code file} is null
   */
  public boolean matches(byte[] file) {
    return compute(file).equals(this);
  }

  /** @return the binary CID (version varint, codec varint, multihash), a fresh copy */
  public byte[] bytes() {
    return decodeAndCheck(value);
  }

  /** @return the multicodec of the named block, e.g. {@link #CODEC_RAW} or {@link #CODEC_DAG_PB} */
  public int codec() {
    byte[] b = bytes();
    int[] pos = {1};
    return (int) readVarint(b, pos);
  }

  /** @return the CID text, same as {@link #value()} */
  @Override
  public String toString() {
    return value;
  }

  // ---------------------------------------------------------------- the balanced DAG builder

  /** One link of a node under construction: child CID, cumulative size (Tsize), file bytes below. */
  private record Link(byte[] cid, long tsize, long fileSize) {}

  /**
   * Streaming form of kubo's balanced layout: level 0 holds leaves, level d holds nodes of depth
   * d. A level is turned into a parent link on the level above when a 175th link arrives (the
   * same grouping as go-unixfs's fillNodeRec), and everything pending is closed at the end.
   */
  private static final class DagBuilder {
    private final List<List<Link>> levels = new ArrayList<>();
    private final MessageDigest sha256 = sha256();

    void addLeaf(byte[] chunk, int length) {
      sha256.update(chunk, 0, length);
      byte[] cid = cidBytes(CODEC_RAW, sha256.digest());
      push(0, new Link(cid, length, length));
    }

    private void push(int level, Link link) {
      while (levels.size() <= level) {
        levels.add(new ArrayList<>(MAX_LINKS));
      }
      List<Link> links = levels.get(level);
      if (links.size() == MAX_LINKS) {
        Link parent = node(links);
        links.clear();
        push(level + 1, parent);
      }
      links.add(link);
    }

    ContentId finish() {
      for (int level = 0; ; level++) {
        List<Link> links = levels.get(level);
        boolean top = level == levels.size() - 1;
        if (top && links.size() == 1) {
          return new ContentId(encode(links.get(0).cid()));
        }
        if (!links.isEmpty()) {
          Link parent = node(links);
          links.clear();
          push(level + 1, parent);
        }
      }
    }

    /** Encodes the dag-pb node over {@code links}, hashes it, returns the link to it. */
    private Link node(List<Link> links) {
      ProtoWriter unixfs = new ProtoWriter();
      long fileSize = 0;
      for (Link l : links) {
        fileSize += l.fileSize();
      }
      unixfs.varintField(1, 2); // Type = File
      unixfs.varintField(3, fileSize); // filesize
      for (Link l : links) {
        unixfs.varintField(4, l.fileSize()); // blocksizes, proto2 unpacked
      }
      ProtoWriter pbNode = new ProtoWriter();
      long tsizeBelow = 0;
      for (Link l : links) {
        ProtoWriter pbLink = new ProtoWriter();
        pbLink.bytesField(1, l.cid()); // Hash
        pbLink.bytesField(2, new byte[0]); // Name: present and empty, as kubo and js-ipfs write it
        pbLink.varintField(3, l.tsize()); // Tsize
        pbNode.bytesField(2, pbLink.toByteArray()); // Links come before Data in dag-pb
        tsizeBelow += l.tsize();
      }
      pbNode.bytesField(1, unixfs.toByteArray()); // Data
      byte[] block = pbNode.toByteArray();
      byte[] cid = cidBytes(CODEC_DAG_PB, sha256.digest(block));
      return new Link(cid, block.length + tsizeBelow, fileSize);
    }
  }

  /** Minimal protobuf writer: varint and length-delimited fields only. */
  private static final class ProtoWriter {
    private byte[] buf = new byte[64];
    private int size;

    void varintField(int field, long value) {
      varint((long) field << 3);
      varint(value);
    }

    void bytesField(int field, byte[] data) {
      varint(((long) field << 3) | 2);
      varint(data.length);
      ensure(data.length);
      System.arraycopy(data, 0, buf, size, data.length);
      size += data.length;
    }

    private void varint(long v) {
      ensure(10);
      while ((v & ~0x7FL) != 0) {
        buf[size++] = (byte) ((v & 0x7F) | 0x80);
        v >>>= 7;
      }
      buf[size++] = (byte) v;
    }

    private void ensure(int extra) {
      if (size + extra > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buf, size);
    }
  }

  // ---------------------------------------------------------------- binary and text forms

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static byte[] cidBytes(int codec, byte[] digest) {
    ProtoWriter w = new ProtoWriter();
    w.varint(1); // CID version
    w.varint(codec);
    w.varint(MULTIHASH_SHA2_256);
    w.varint(digest.length);
    byte[] head = w.toByteArray();
    byte[] out = Arrays.copyOf(head, head.length + digest.length);
    System.arraycopy(digest, 0, out, head.length, digest.length);
    return out;
  }

  /** Multibase 'b': RFC 4648 base32, lower case, no padding. */
  private static String encode(byte[] data) {
    StringBuilder sb = new StringBuilder(1 + (data.length * 8 + 4) / 5);
    sb.append('b');
    int buffer = 0;
    int bits = 0;
    for (byte b : data) {
      buffer = (buffer << 8) | (b & 0xFF);
      bits += 8;
      while (bits >= 5) {
        sb.append(BASE32.charAt((buffer >>> (bits - 5)) & 31));
        bits -= 5;
      }
    }
    if (bits > 0) {
      sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
    }
    return sb.toString();
  }

  private static byte[] decodeAndCheck(String text) {
    if (text.isEmpty() || text.length() > MAX_TEXT_LENGTH) {
      throw new InvalidInputException(
          "contentId: length must be 1.." + MAX_TEXT_LENGTH + " characters, got " + text.length());
    }
    if (text.startsWith("Qm")) {
      throw new InvalidInputException(
          "contentId: CIDv0 (Qm...) is not accepted, use the CIDv1 base32 form (b...): " + text);
    }
    if (text.charAt(0) != 'b') {
      throw new InvalidInputException(
          "contentId: must use multibase 'b' (base32 lower case), got prefix '" + text.charAt(0) + "'");
    }
    int chars = text.length() - 1;
    int rem = chars % 8;
    if (rem == 1 || rem == 3 || rem == 6) {
      throw new InvalidInputException("contentId: base32 text has an impossible length " + chars);
    }
    byte[] out = new byte[chars * 5 / 8];
    int buffer = 0;
    int bits = 0;
    int n = 0;
    for (int i = 1; i < text.length(); i++) {
      int v = BASE32.indexOf(text.charAt(i));
      if (v < 0) {
        throw new InvalidInputException(
            "contentId: character '" + text.charAt(i) + "' at index " + i + " is not base32 lower case");
      }
      buffer = (buffer << 5) | v;
      bits += 5;
      if (bits >= 8) {
        out[n++] = (byte) (buffer >>> (bits - 8));
        bits -= 8;
      }
      buffer &= (1 << bits) - 1;
    }
    if (buffer != 0) {
      throw new InvalidInputException("contentId: base32 text has non-zero padding bits");
    }
    int[] pos = {0};
    long version = readVarint(out, pos);
    if (version != 1) {
      throw new InvalidInputException("contentId: CID version must be 1, got " + version);
    }
    readVarint(out, pos); // codec: any multicodec
    long hashCode = readVarint(out, pos);
    long digestLength = readVarint(out, pos);
    if (digestLength != out.length - pos[0]) {
      throw new InvalidInputException("contentId: multihash digest length " + digestLength
          + " does not match the " + (out.length - pos[0]) + " bytes present");
    }
    if (hashCode == MULTIHASH_SHA2_256 && digestLength != 32) {
      throw new InvalidInputException("contentId: a sha2-256 digest is 32 bytes, got " + digestLength);
    }
    return out;
  }

  /** Reads an unsigned varint (multiformats rules: at most 9 bytes, minimal encoding). */
  private static long readVarint(byte[] b, int[] pos) {
    long result = 0;
    for (int i = 0; i < 9; i++) {
      if (pos[0] >= b.length) {
        throw new InvalidInputException("contentId: truncated varint in the binary CID");
      }
      int x = b[pos[0]++] & 0xFF;
      result |= (long) (x & 0x7F) << (7 * i);
      if ((x & 0x80) == 0) {
        if (x == 0 && i > 0) {
          throw new InvalidInputException("contentId: varint is not minimally encoded");
        }
        return result;
      }
    }
    throw new InvalidInputException("contentId: varint longer than 9 bytes");
  }
}
