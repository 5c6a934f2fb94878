package dev.tether.control.push;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for Web Push (RFC 8291): an ECDH secret with the browser's key, mixed with its auth
 * secret, gives the key and nonce of one {@code aes128gcm} record (RFC 8188) whose header carries the
 * salt, the record size and the sender's ephemeral public key.
 */
public final class PushEncryption {
  /** The most plaintext one push message can carry (RFC 8291 §4: 4096 − 86 header − 1 − 16). */
  public static final int MAX_PLAINTEXT = 3993;
  static final int RECORD_SIZE = 4096;
  private static final SecureRandom RANDOM = new SecureRandom();

  private PushEncryption() {}

  /** Encrypts {@code plaintext} for the browser with a fresh ephemeral key and salt. */
  public static byte[] encrypt(byte[] plaintext, byte[] userAgentPublic, byte[] authSecret) {
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    return encrypt(plaintext, userAgentPublic, authSecret, EcKeys.generate(), salt);
  }

  /** The same with a given sender key pair and salt (the RFC's example fixes both). */
  static byte[] encrypt(byte[] plaintext, byte[] userAgentPublic, byte[] authSecret, KeyPair sender, byte[] salt) {
    if (plaintext.length > MAX_PLAINTEXT) {
      throw new IllegalArgumentException("a push payload holds at most " + MAX_PLAINTEXT + " bytes, not " + plaintext.length);
    }
    if (authSecret.length != 16) {
      throw new IllegalArgumentException("the auth secret is 16 bytes, not " + authSecret.length);
    }
    if (salt.length != 16) {
      throw new IllegalArgumentException("the salt is 16 bytes");
    }
    ECPublicKey ua = EcKeys.publicKey(userAgentPublic);
    byte[] asPublic = EcKeys.encode((ECPublicKey) sender.getPublic());
    Keys keys = keys(ecdh((ECPrivateKey) sender.getPrivate(), ua), authSecret, userAgentPublic, asPublic, salt);
    try {
      Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
      gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.cek(), "AES"), new GCMParameterSpec(128, keys.nonce()));
      byte[] padded = Arrays.copyOf(plaintext, plaintext.length + 1);
      padded[plaintext.length] = 2; // the delimiter of the last (here the only) record
      byte[] sealed = gcm.doFinal(padded);
      ByteBuffer out = ByteBuffer.allocate(16 + 4 + 1 + asPublic.length + sealed.length);
      out.put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(sealed);
      return out.array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed", e);
    }
  }

  /** The derived values of RFC 8291 §3.4 (kept apart so the tests can check each against the RFC's example). */
  record Keys(byte[] prkKey, byte[] ikm, byte[] prk, byte[] cek, byte[] nonce) {}

  static byte[] ecdh(ECPrivateKey own, ECPublicKey other) {
    try {
      KeyAgreement ka = KeyAgreement.getInstance("ECDH");
      ka.init(own);
      ka.doPhase(other, true);
      return ka.generateSecret();
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("ECDH failed: " + e.getMessage(), e);
    }
  }

  static Keys keys(byte[] ecdhSecret, byte[] authSecret, byte[] uaPublic, byte[] asPublic, byte[] salt) {
    // HKDF-Extract(auth_secret, ecdh_secret), then HKDF-Expand with "WebPush: info" || 0 || ua || as, L = 32.
    byte[] prkKey = hmac(authSecret, ecdhSecret);
    ByteArrayOutputStream keyInfo = new ByteArrayOutputStream();
    keyInfo.writeBytes("WebPush: info".getBytes(StandardCharsets.US_ASCII));
    keyInfo.write(0);
    keyInfo.writeBytes(uaPublic);
    keyInfo.writeBytes(asPublic);
    byte[] ikm = expand(prkKey, keyInfo.toByteArray(), 32);
    // RFC 8188 §2.2: the salt extracts a PRK from which the key and the nonce are expanded.
    byte[] prk = hmac(salt, ikm);
    byte[] cek = expand(prk, info("Content-Encoding: aes128gcm"), 16);
    byte[] nonce = expand(prk, info("Content-Encoding: nonce"), 12);
    return new Keys(prkKey, ikm, prk, cek, nonce);
  }

  private static byte[] info(String label) {
    byte[] l = label.getBytes(StandardCharsets.US_ASCII);
    return Arrays.copyOf(l, l.length + 1);
  }

  /** HKDF-Expand for an output no longer than one SHA-256 block: T(1) = HMAC(prk, info || 0x01). */
  private static byte[] expand(byte[] prk, byte[] info, int length) {
    byte[] input = Arrays.copyOf(info, info.length + 1);
    input[info.length] = 1;
    return Arrays.copyOf(hmac(prk, input), length);
  }

  static byte[] hmac(byte[] key, byte[] data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
