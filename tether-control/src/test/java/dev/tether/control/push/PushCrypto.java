package dev.tether.control.push;

import java.nio.ByteBuffer;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The user agent's side of RFC 8291, for the tests: decrypts what {@link PushEncryption} produced. */
final class PushCrypto {
  private PushCrypto() {}

  static byte[] decrypt(byte[] body, KeyPair userAgent, byte[] authSecret) throws Exception {
    ByteBuffer in = ByteBuffer.wrap(body);
    byte[] salt = new byte[16];
    in.get(salt);
    int rs = in.getInt();
    int idlen = in.get() & 0xff;
    byte[] asPublic = new byte[idlen];
    in.get(asPublic);
    byte[] sealed = new byte[in.remaining()];
    in.get(sealed);
    if (sealed.length > rs) {
      throw new IllegalStateException("record larger than rs");
    }
    byte[] uaPublic = EcKeys.encode((java.security.interfaces.ECPublicKey) userAgent.getPublic());
    byte[] secret = PushEncryption.ecdh((ECPrivateKey) userAgent.getPrivate(), EcKeys.publicKey(asPublic));
    PushEncryption.Keys keys = PushEncryption.keys(secret, authSecret, uaPublic, asPublic, salt);
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
    gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.cek(), "AES"), new GCMParameterSpec(128, keys.nonce()));
    byte[] padded = gcm.doFinal(sealed);
    int end = padded.length - 1;
    while (end >= 0 && padded[end] == 0) {
      end--;
    }
    if (end < 0 || padded[end] != 2) {
      throw new IllegalStateException("no last-record delimiter");
    }
    return Arrays.copyOf(padded, end);
  }
}
