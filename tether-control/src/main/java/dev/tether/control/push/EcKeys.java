package dev.tether.control.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;

/** P-256 keys in the byte forms Web Push uses: public keys as 65-byte uncompressed points, private as 32-byte scalars. */
final class EcKeys {
  static final ECParameterSpec P256 = params();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();

  private EcKeys() {}

  private static ECParameterSpec params() {
    try {
      AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
      p.init(new ECGenParameterSpec("secp256r1"));
      return p.getParameterSpec(ECParameterSpec.class);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK has no P-256", e);
    }
  }

  static KeyPair generate() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code 0x04 || X || Y}, each coordinate 32 bytes. */
  static byte[] encode(ECPublicKey key) {
    byte[] out = new byte[65];
    out[0] = 4;
    fixed(key.getW().getAffineX(), out, 1);
    fixed(key.getW().getAffineY(), out, 33);
    return out;
  }

  /** The 32-byte scalar. */
  static byte[] encode(ECPrivateKey key) {
    byte[] out = new byte[32];
    fixed(key.getS(), out, 0);
    return out;
  }

  private static void fixed(BigInteger v, byte[] out, int at) {
    byte[] b = v.toByteArray();
    int skip = b.length > 32 ? b.length - 32 : 0;
    System.arraycopy(b, skip, out, at + 32 - (b.length - skip), b.length - skip);
  }

  /** Reads an uncompressed point; rejects anything that is not one on P-256. */
  static ECPublicKey publicKey(byte[] point) {
    if (point.length != 65 || point[0] != 4) {
      throw new IllegalArgumentException("a P-256 public key is 65 bytes starting with 0x04");
    }
    BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
    BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
    BigInteger p = ((java.security.spec.ECFieldFp) P256.getCurve().getField()).getP();
    BigInteger rhs = x.pow(3).add(P256.getCurve().getA().multiply(x)).add(P256.getCurve().getB()).mod(p);
    if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !y.pow(2).mod(p).equals(rhs)) {
      throw new IllegalArgumentException("the public key is not a point on P-256");
    }
    try {
      return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), P256));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("bad P-256 public key: " + e.getMessage(), e);
    }
  }

  static ECPrivateKey privateKey(byte[] scalar) {
    try {
      return (ECPrivateKey) KeyFactory.getInstance("EC")
          .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), P256));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("bad P-256 private key", e);
    }
  }

  static String b64(byte[] bytes) {
    return B64.encodeToString(bytes);
  }

  /** Decodes base64url, with or without padding (browsers send either). */
  static byte[] unb64(String text) {
    String t = text.strip().replace('+', '-').replace('/', '_');
    while (t.endsWith("=")) {
      t = t.substring(0, t.length() - 1);
    }
    return B64D.decode(t);
  }
}
