package dev.mandate.sts.jose;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Set;

/** An EdDSA (Ed25519) {@link JWSSigner} on the JDK's provider; see {@link Ed25519Keys}. */
public final class JdkEd25519Signer implements JWSSigner {
  private final PrivateKey key;
  private final JCAContext jca = new JCAContext();

  public JdkEd25519Signer(OctetKeyPair jwk) throws JOSEException {
    this.key = Ed25519Keys.privateKey(jwk);
  }

  @Override
  public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
    if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())
        && !JWSAlgorithm.Ed25519.equals(header.getAlgorithm())) {
      throw new JOSEException("JdkEd25519Signer signs EdDSA only");
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(signingInput);
      return Base64URL.encode(s.sign());
    } catch (GeneralSecurityException e) {
      throw new JOSEException("Ed25519 signing failed", e);
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
