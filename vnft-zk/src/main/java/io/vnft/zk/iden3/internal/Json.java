package io.vnft.zk.iden3.internal;

import io.vnft.api.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON reader and writer for the snarkjs files (objects become {@link LinkedHashMap},
 * arrays {@link List}, strings {@link String}, numbers {@link BigInteger} or {@link Double},
 * literals {@link Boolean} or {@code null}). Nesting is limited to 64 levels. Internal: not part of
 * the public API. Stateless and thread-safe.
 */
public final class Json {
  private static final int MAX_DEPTH = 64;

  private final String s;
  private final String what;
  private int p;

  private Json(String s, String what) {
    this.s = s;
    this.what = what;
  }

  /**
   * Parses one JSON value that fills the whole text.
   *
   * @param text the JSON text
   * @param what names the document in error messages (e.g. "proof.json")
   * @return the value: a Map, List, String, BigInteger or Double, Boolean or null
   * @throws InvalidInputException on any syntax error, with the position
   */
  public static Object parse(String text, String what) {
    if (text == null) {
      throw new InvalidInputException(what + ": text is null");
    }
    Json j = new Json(text, what);
    j.ws();
    Object v = j.value(0);
    j.ws();
    if (j.p != text.length()) {
      throw j.err("trailing characters after the JSON value");
    }
    return v;
  }

  private InvalidInputException err(String msg) {
    return new InvalidInputException(what + ": " + msg + " at offset " + p);
  }

  private void ws() {
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        p++;
      } else {
        break;
      }
    }
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw err("nesting deeper than " + MAX_DEPTH);
    }
    if (p >= s.length()) {
      throw err("unexpected end of text");
    }
    char c = s.charAt(p);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw err("unexpected character '" + c + "'");
    }
  }

  private Object literal(String word, Object v) {
    if (!s.startsWith(word, p)) {
      throw err("bad literal");
    }
    p += word.length();
    return v;
  }

  private Object number() {
    int start = p;
    if (s.charAt(p) == '-') {
      p++;
    }
    boolean frac = false;
    while (p < s.length()) {
      char c = s.charAt(p);
      if (c >= '0' && c <= '9') {
        p++;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        frac = true;
        p++;
      } else {
        break;
      }
    }
    String t = s.substring(start, p);
    try {
      return frac ? (Object) Double.valueOf(t) : new BigInteger(t);
    } catch (NumberFormatException e) {
      throw err("bad number '" + t + "'");
    }
  }

  private String string() {
    p++;
    StringBuilder b = new StringBuilder();
    while (true) {
      if (p >= s.length()) {
        throw err("unterminated string");
      }
      char c = s.charAt(p++);
      if (c == '"') {
        return b.toString();
      }
      if (c == '\\') {
        if (p >= s.length()) {
          throw err("unterminated escape");
        }
        char e = s.charAt(p++);
        switch (e) {
          case '"': b.append('"'); break;
          case '\\': b.append('\\'); break;
          case '/': b.append('/'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'n': b.append('\n'); break;
          case 'r': b.append('\r'); break;
          case 't': b.append('\t'); break;
          case 'u':
            if (p + 4 > s.length()) {
              throw err("bad \\u escape");
            }
            try {
              b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
            } catch (NumberFormatException ex) {
              throw err("bad \\u escape");
            }
            p += 4;
            break;
          default:
            throw err("bad escape '\\" + e + "'");
        }
      } else if (c < 0x20) {
        throw err("control character in string");
      } else {
        b.append(c);
      }
    }
  }

  private List<Object> array(int depth) {
    p++;
    List<Object> out = new ArrayList<>();
    ws();
    if (p < s.length() && s.charAt(p) == ']') {
      p++;
      return out;
    }
    while (true) {
      ws();
      out.add(value(depth + 1));
      ws();
      if (p >= s.length()) {
        throw err("unterminated array");
      }
      char c = s.charAt(p++);
      if (c == ']') {
        return out;
      }
      if (c != ',') {
        throw err("expected ',' or ']'");
      }
    }
  }

  private Map<String, Object> object(int depth) {
    p++;
    Map<String, Object> out = new LinkedHashMap<>();
    ws();
    if (p < s.length() && s.charAt(p) == '}') {
      p++;
      return out;
    }
    while (true) {
      ws();
      if (p >= s.length() || s.charAt(p) != '"') {
        throw err("expected a string key");
      }
      String k = string();
      ws();
      if (p >= s.length() || s.charAt(p++) != ':') {
        throw err("expected ':'");
      }
      ws();
      if (out.put(k, value(depth + 1)) != null) {
        throw err("duplicate key \"" + k + "\"");
      }
      ws();
      if (p >= s.length()) {
        throw err("unterminated object");
      }
      char c = s.charAt(p++);
      if (c == '}') {
        return out;
      }
      if (c != ',') {
        throw err("expected ',' or '}'");
      }
    }
  }

  /**
   * Writes a JSON string literal with escapes.
   *
   * @param v the string
   * @return the quoted literal
   */
  public static String quote(String v) {
    StringBuilder b = new StringBuilder(v.length() + 2).append('"');
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '"': b.append("\\\""); break;
        case '\\': b.append("\\\\"); break;
        case '\n': b.append("\\n"); break;
        case '\r': b.append("\\r"); break;
        case '\t': b.append("\\t"); break;
        default:
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    return b.append('"').toString();
  }
}
