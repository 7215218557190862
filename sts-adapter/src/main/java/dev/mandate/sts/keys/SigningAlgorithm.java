package dev.mandate.sts.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import dev.mandate.sts.jose.Ed25519Keys;
import java.util.Locale;

/** The algorithms the STS signs issued tokens with. ES256 is the default. */
public enum SigningAlgorithm {
  ES256(JWSAlgorithm.ES256),
  RS256(JWSAlgorithm.RS256),
  EDDSA(JWSAlgorithm.EdDSA);

  private final JWSAlgorithm jws;

  SigningAlgorithm(JWSAlgorithm jws) {
    this.jws = jws;
  }

  public JWSAlgorithm jws() {
    return jws;
  }

  public static SigningAlgorithm parse(String name) {
    return switch (name.toUpperCase(Locale.ROOT)) {
      case "ES256" -> ES256;
      case "RS256" -> RS256;
      case "EDDSA", "ED25519" -> EDDSA;
      default -> throw new IllegalArgumentException(
          "signing algorithm must be ES256, RS256 or EdDSA, not " + name);
    };
  }

  /** A fresh private key for this algorithm, its kid the RFC 7638 thumbprint. */
  public JWK generate() {
    try {
      JWK key = switch (this) {
        case ES256 -> new ECKeyGenerator(Curve.P_256).keyUse(KeyUse.SIGNATURE).algorithm(jws)
            .keyIDFromThumbprint(true).generate();
        case RS256 -> new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(jws)
            .keyIDFromThumbprint(true).generate();
        case EDDSA -> {
          OctetKeyPair raw = Ed25519Keys.generate(null);
          yield new OctetKeyPair.Builder(raw).keyUse(KeyUse.SIGNATURE).algorithm(jws)
              .keyIDFromThumbprint().build();
        }
      };
      return key;
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate a " + this + " key", e);
    }
  }

  /** The algorithm matching an existing key (as loaded from a key file). */
  public static SigningAlgorithm of(JWK key) {
    if (key.getAlgorithm() != null) {
      return parse(key.getAlgorithm().getName());
    }
    return switch (key.getKeyType().getValue()) {
      case "EC" -> ES256;
      case "RSA" -> RS256;
      case "OKP" -> EDDSA;
      default -> throw new IllegalArgumentException("unsupported key type " + key.getKeyType());
    };
  }
}
