package dev.mandate.sts.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Set;

/** An EdDSA (Ed25519) {@link JWSVerifier} on the JDK's provider; see {@link Ed25519Keys}. */
public final class JdkEd25519Verifier implements JWSVerifier {
  private final PublicKey key;
  private final JCAContext jca = new JCAContext();

  public JdkEd25519Verifier(OctetKeyPair jwk) throws JOSEException {
    this.key = Ed25519Keys.publicKey(jwk.toPublicJWK());
  }

  @Override
  public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature)
      throws JOSEException {
    if (!supportedJWSAlgorithms().contains(header.getAlgorithm())) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(signedContent);
      return s.verify(signature.decode());
    } catch (SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 verification failed", e);
    }
  }

  @Override
  public Set<JWSAlgorithm> supportedJWSAlgorithms() {
    return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
  }

  @Override
  public JCAContext getJCAContext() {
    return jca;
  }
}
