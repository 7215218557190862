package dev.mandate.bench.load;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * The crypto floor of one token exchange: verify one ES256 JWT (a subject token, with Nimbus's
 * {@link ECDSAVerifier} on the issuer's public key, as the STS verifies subject tokens) and sign
 * one ES256 JWT (with Nimbus's {@link ECDSASigner}, {@code typ: at+jwt}, the claims of a token the
 * STS really issued with a fresh {@code jti} and times). Nothing else: no HTTP, no client
 * authentication, no policy, no audit line. The verifier and signer are built once, so the floor
 * is the cheapest the two signatures can be done with the same library and provider.
 *
 * <p>One instance may be shared by threads: Nimbus's verifier and signer are thread-safe and
 * everything else is per call.
 */
public final class CryptoFloorOp {
  private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final List<String> subjectTokens;
  private final JWSVerifier verifier;
  private final JWSSigner signer;
  private final String signingKid;
  private final Map<String, Object> issuedClaims;
  private final long ttlSeconds;

  /**
   * @param subjectTokens ES256 tokens signed by {@code issuerKey}; call {@code i} verifies
   *     token {@code i % size}
   * @param issuerKey the subject tokens' issuer key (its public half is used)
   * @param signingKey the key the floor signs with (the STS's current signing key)
   * @param issuedToken a token the STS issued: its claims are the template of the signed token
   */
  public CryptoFloorOp(List<String> subjectTokens, ECKey issuerKey, ECKey signingKey,
      String issuedToken) {
    try {
      this.subjectTokens = List.copyOf(subjectTokens);
      this.verifier = new ECDSAVerifier(issuerKey.toPublicJWK());
      this.signer = new ECDSASigner(signingKey);
      this.signingKid = signingKey.getKeyID();
      JWTClaimsSet issued = SignedJWT.parse(issuedToken).getJWTClaimsSet();
      this.issuedClaims = issued.toJSONObject();
      this.ttlSeconds = (issued.getExpirationTime().getTime()
          - issued.getIssueTime().getTime()) / 1000;
    } catch (JOSEException | ParseException e) {
      throw new IllegalArgumentException("cannot set up the crypto floor: " + e.getMessage(), e);
    }
  }

  /** One verify and one sign; returns the signed token (so nothing is optimised away). */
  public String run(int i) {
    if (!verifyOnly(i)) {
      throw new IllegalStateException("a subject token did not verify");
    }
    return signOnly();
  }

  /** Parses subject token {@code i % size} and verifies its signature. */
  public boolean verifyOnly(int i) {
    try {
      SignedJWT in = SignedJWT.parse(subjectTokens.get(Math.floorMod(i, subjectTokens.size())));
      return in.verify(verifier);
    } catch (JOSEException | ParseException e) {
      throw new IllegalStateException("crypto floor verify failed: " + e.getMessage(), e);
    }
  }

  /** Signs one token with the issued token's claims, a fresh jti and the current time. */
  public String signOnly() {
    try {
      Instant now = Instant.now();
      JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
      issuedClaims.forEach(claims::claim);
      claims.issueTime(Date.from(now))
          .notBeforeTime(Date.from(now))
          .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
          .jwtID(randomId());
      SignedJWT out = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(AT_JWT)
          .keyID(signingKid).build(), claims.build());
      out.sign(signer);
      return out.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("crypto floor sign failed: " + e.getMessage(), e);
    }
  }

  private static String randomId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
