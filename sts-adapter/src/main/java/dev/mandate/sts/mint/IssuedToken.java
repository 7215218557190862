package dev.mandate.sts.mint;

import java.util.List;

/** A minted token and the response fields of RFC 8693 §2.2.1 that describe it. */
public record IssuedToken(String token, String issuedTokenType, String tokenType,
    long expiresIn, List<String> scope, String jti) {}
