package dev.tether.control.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** RFC 8291's example (§5 and Appendix A), byte for byte, and round trips through the user agent's side. */
class PushEncryptionTest {
  // Appendix A inputs.
  static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
  static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
  static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
  static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
  static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
  static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
  static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
  // Appendix A intermediate values and the §5 message.
  static final String ECDH_SECRET = "kyrL1jIIOHEzg3sM2ZWRHDRB62YACZhhSlknJ672kSs";
  static final String PRK_KEY = "Snr3JMxaHVDXHWJn5wdC52WjpCtd2EIEGBykDcZW32k";
  static final String IKM = "S4lYMb_L0FxCeq0WhDx813KgSYqU26kOyzWUdsXYyrg";
  static final String PRK = "09_eUZGrsvxChDCGRCdkLiDXrReGOEVeSCdCcPBSJSc";
  static final String CEK = "oIhVW04MRdy2XN9CiKLxTg";
  static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml"
      + "mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT"
      + "pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

  static KeyPair pair(String pub, String priv) {
    return new KeyPair(EcKeys.publicKey(EcKeys.unb64(pub)), EcKeys.privateKey(EcKeys.unb64(priv)));
  }

  @Test
  void theRfcExampleEncryptsToExactlyThePublishedBytes() {
    byte[] body = PushEncryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), EcKeys.unb64(UA_PUBLIC),
        EcKeys.unb64(AUTH), pair(AS_PUBLIC, AS_PRIVATE), EcKeys.unb64(SALT));
    assertThat(EcKeys.b64(body)).isEqualTo(BODY);
  }

  @Test
  void everyIntermediateValueMatchesAppendixA() {
    KeyPair as = pair(AS_PUBLIC, AS_PRIVATE);
    byte[] secret = PushEncryption.ecdh((ECPrivateKey) as.getPrivate(), EcKeys.publicKey(EcKeys.unb64(UA_PUBLIC)));
    assertThat(EcKeys.b64(secret)).isEqualTo(ECDH_SECRET);
    PushEncryption.Keys keys = PushEncryption.keys(secret, EcKeys.unb64(AUTH), EcKeys.unb64(UA_PUBLIC),
        EcKeys.unb64(AS_PUBLIC), EcKeys.unb64(SALT));
    assertThat(EcKeys.b64(keys.prkKey())).isEqualTo(PRK_KEY);
    assertThat(EcKeys.b64(keys.ikm())).isEqualTo(IKM);
    assertThat(EcKeys.b64(keys.prk())).isEqualTo(PRK);
    assertThat(EcKeys.b64(keys.cek())).isEqualTo(CEK);
    assertThat(keys.nonce()).hasSize(12);
  }

  @Test
  void theUserAgentDecryptsTheRfcMessageWithItsOwnKey() throws Exception {
    byte[] plain = PushCrypto.decrypt(EcKeys.unb64(BODY), pair(UA_PUBLIC, UA_PRIVATE), EcKeys.unb64(AUTH));
    assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
  }

  @Test
  void freshKeysAndSaltsRoundTripAndNeverRepeat() throws Exception {
    KeyPair ua = EcKeys.generate();
    byte[] auth = new byte[16];
    new java.security.SecureRandom().nextBytes(auth);
    byte[] uaPublic = EcKeys.encode((java.security.interfaces.ECPublicKey) ua.getPublic());
    byte[] message = "{\"title\":\"Bash needs approval\"}".getBytes(StandardCharsets.UTF_8);
    byte[] one = PushEncryption.encrypt(message, uaPublic, auth);
    byte[] two = PushEncryption.encrypt(message, uaPublic, auth);
    assertThat(one).isNotEqualTo(two);
    assertThat(PushCrypto.decrypt(one, ua, auth)).isEqualTo(message);
    assertThat(PushCrypto.decrypt(two, ua, auth)).isEqualTo(message);
    assertThat(one.length).isEqualTo(86 + message.length + 1 + 16);
  }

  @Test
  void theLargestPayloadFitsInFourKilobytesAndOneMoreByteIsRefused() {
    KeyPair ua = EcKeys.generate();
    byte[] uaPublic = EcKeys.encode((java.security.interfaces.ECPublicKey) ua.getPublic());
    byte[] auth = new byte[16];
    byte[] max = new byte[PushEncryption.MAX_PLAINTEXT];
    Arrays.fill(max, (byte) 'x');
    assertThat(PushEncryption.encrypt(max, uaPublic, auth)).hasSize(4096);
    assertThatThrownBy(() -> PushEncryption.encrypt(new byte[PushEncryption.MAX_PLAINTEXT + 1], uaPublic, auth))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3993");
  }

  @Test
  void aKeyThatIsNotOnTheCurveIsRefused() {
    byte[] bad = EcKeys.unb64(UA_PUBLIC);
    bad[64] ^= 1;
    assertThatThrownBy(() -> EcKeys.publicKey(bad)).hasMessageContaining("not a point on P-256");
    assertThatThrownBy(() -> EcKeys.publicKey(new byte[33])).hasMessageContaining("65 bytes");
  }
}
